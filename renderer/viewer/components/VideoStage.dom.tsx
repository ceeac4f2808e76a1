import { LanguageSwitch, useT } from '../i18n/viewerI18n.dom';
import { useCallback, useRef, useState } from 'react';
import { useConnection, useViewer } from '../viewerContext.dom';
import { LikeButton } from './LikeButton.dom';

/** What stands in the picture's place, or null when it plays. */
function useStageMessage(): string | null {
  const { t } = useT();
  const video = useViewer((state) => state.video);
  const playback = useViewer((state) => state.playback);
  const welcomed = useViewer((state) => state.welcomed);
  const ended = useViewer((state) => state.ended !== null);
  if (!welcomed) return t('stage.joining');
  if (ended) return t('stage.ended');
  if (!video.available) return video.reason ?? t('stage.noVideo');
  if (video.producers === 0) return t('stage.notStarted');
  if (playback.status === 'failed') return playback.message;
  if (playback.status !== 'playing') return t('stage.starting');
  return null;
}

export function VideoStage() {
  const { t } = useT();
  const connection = useConnection();
  const viewerCount = useViewer((state) => state.viewerCount);
  const onAir = useViewer((state) => state.ended === null && state.video.available && state.video.producers > 0);
  const message = useStageMessage();
  const element = useRef<HTMLVideoElement | null>(null);
  const [muted, setMuted] = useState(true);
  // "Tap for sound" only when the show sends sound.
  const [hasAudio, setHasAudio] = useState(false);

  const videoRef = useCallback(
    (node: HTMLVideoElement | null) => {
      // Muted before any source: browsers autoplay only muted video without a tap.
      if (node) node.muted = true;
      element.current = node;
      connection.attachVideo(node);
      return () => connection.attachVideo(null);
    },
    [connection],
  );

  const unmute = () => {
    const video = element.current;
    if (!video) return;
    video.muted = false;
    setMuted(false);
    void video.play().catch(() => {});
  };

  return (
    <section className="stage" aria-label={t('stage.region')}>
      <video
        ref={videoRef}
        className="stage-video"
        autoPlay
        playsInline
        muted
        onClick={muted ? unmute : undefined}
        onVolumeChange={(event) => setMuted(event.currentTarget.muted)}
        onLoadedMetadata={(event) => {
          const source = event.currentTarget.srcObject;
          setHasAudio(source instanceof MediaStream && source.getAudioTracks().length > 0);
        }}
        onEmptied={() => setHasAudio(false)}
      />
      {message !== null && (
        <p className="stage-message" role="status">
          {message}
        </p>
      )}
      <div className="stage-top">
        {onAir && <span className="live-badge">{t('stage.live')}</span>}
        <span className="viewer-count" aria-label={t('stage.watching', { count: viewerCount })}>
          👁 {viewerCount}
        </span>
        <LanguageSwitch />
      </div>
      {message === null && muted && hasAudio && (
        <button type="button" className="unmute" onClick={unmute}>
          {t('stage.tapForSound')}
        </button>
      )}
      <LikeButton />
    </section>
  );
}
