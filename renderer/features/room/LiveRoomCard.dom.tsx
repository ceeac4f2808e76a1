import { useEffect, useState } from 'react';
import type { LiveRoomInfo } from '../../../contract/schemas/liveRoom.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';

/** How often the card re-reads the room's video state (a broadcaster starting or a worker restart). */
const REFRESH_MS = 5000;

/** Where viewers join the studio's own live room: the link, its QR code for phones, and whether they will see the show. */
export function LiveRoomCard() {
  const api = useStudioApi();
  const { t } = useT();
  const [room, setRoom] = useState<LiveRoomInfo | null>(null);
  const [copied, setCopied] = useState(false);
  const enabled = useStudio((state) => state.settings.liveRoomEnabled);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      api.getLiveRoom({}).then(
        (info) => !cancelled && setRoom(info),
        () => {},
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api]);

  if (!room) return null;
  if (!room.running || !room.watchUrl) {
    return (
      <section className="live-room-card" aria-label={t('room.region')}>
        <p role="status">{room.message ?? t('room.notRunning')}</p>
      </section>
    );
  }
  const watchUrl = room.watchUrl;
  const copy = () => {
    void navigator.clipboard.writeText(watchUrl).then(() => setCopied(true));
  };
  return (
    <section className="live-room-card" aria-label={t('room.region')}>
      {room.qrSvg && <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(room.qrSvg)}`} alt={t('room.qr', { url: watchUrl })} width={96} height={96} />}
      <div className="join">
        <span className="label">{t('room.joinAt')}</span>
        <a href={watchUrl} target="_blank" rel="noreferrer noopener" data-testid="watch-url">
          {watchUrl}
        </a>
        <button type="button" onClick={copy}>
          {copied ? t('room.copied') : t('room.copy')}
        </button>
        {!enabled ? (
          <p className="warning" role="status">
            {t('room.off')}
          </p>
        ) : (
          !room.video.available && (
            <p className="warning" role="status">
              {room.video.reason}
            </p>
          )
        )}
      </div>
    </section>
  );
}
