import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReplayComment, ReplayOrder, ShowSummary } from '../../../contract/schemas/replay.std';
import { formatMoneyByCurrency } from '../panel/orderFilters.std';
import { ClipsSection, type ShowClip } from './ClipsSection.dom';
import { replayMediaUrl } from './mediaUrl.std';
import { PlayheadList } from './PlayheadList.dom';
import { ReplayTimeline } from './ReplayTimeline.dom';
import { formatClock, inTimeOrder } from './replayTime.std';
import { timelineLengthMs } from './timelineMarks.std';
import { useShowDetail } from './useShowDetail.dom';
import { FieldError } from '../../app/FieldError.dom';
import { useT } from '../../app/i18n/studioI18n.dom';
import { orderStatuses } from '../../../contract/room/roomMessages.std';

/**
 * A clip plays in the same video element; its chapter's start puts it back on the show's clock (a
 * keyframe cut starts up to 2 s early: close enough for the comments beside it).
 */
interface PlayingClip {
  file: string;
  startMs: number;
  productName: string;
}

// Names in <bdi>: a right-to-left name cannot reorder the time or the tag beside it.
function CommentItem({ comment }: { comment: ReplayComment }) {
  return (
    <div className="replay-item">
      <span className="replay-time">{formatClock(comment.atMs)}</span> <bdi className="replay-name">{comment.name}</bdi>
      <p className="replay-text">{comment.text}</p>
    </div>
  );
}

function OrderItem({ order }: { order: ReplayOrder }) {
  const { t } = useT();
  // The timeline keeps the status as text: one it does not know is shown as it is.
  const status = orderStatuses.find((known) => known === order.status);
  return (
    <div className={order.status === 'cancelled' ? 'replay-item replay-order cancelled' : 'replay-item replay-order'}>
      <span className="replay-time">{formatClock(order.atMs)}</span> <bdi className="replay-name">{order.buyerName}</bdi>{' '}
      <span className="tag">{status ? t(`orders.status.${status}`) : order.status}</span>
      <p className="replay-text">
        {order.quantity} × {order.productName} · {formatMoneyByCurrency([order])}
      </p>
    </div>
  );
}

/**
 * One show played back: the video with its timeline of promotions, pins and order spikes, the
 * comments and orders as they stood at the playhead, and the show's clips and exports. Mounted
 * per show (keyed by its id), so nothing of one show's playback carries over to the next.
 */
export function ShowPlayer({ show }: { show: ShowSummary }) {
  const { detail, failure } = useShowDetail(show.id, show);
  const { t } = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [clip, setClip] = useState<PlayingClip | null>(null);
  const [playheadMs, setPlayheadMs] = useState(0);
  const [seekCount, setSeekCount] = useState(0);
  const [mediaMs, setMediaMs] = useState<number | null>(null);
  // A mark clicked while a clip plays: the show's video comes back and seeks there once loaded.
  const [pendingSeekMs, setPendingSeekMs] = useState<number | null>(null);

  const comments = useMemo(() => inTimeOrder(detail?.comments ?? []), [detail]);
  const orders = useMemo(() => inTimeOrder(detail?.orders ?? []), [detail]);
  const lengthMs = timelineLengthMs(show.durationSec, mediaMs, detail?.marks ?? []);
  const offsetMs = clip?.startMs ?? 0;
  const file = clip?.file ?? detail?.video ?? null;

  const followVideo = () => {
    const element = video.current;
    if (element) setPlayheadMs(offsetMs + element.currentTime * 1000);
  };
  const seek = (atMs: number) => {
    if (clip) {
      setPendingSeekMs(atMs);
      setClip(null);
      return;
    }
    if (video.current) video.current.currentTime = atMs / 1000;
  };
  const play = useCallback((chosen: ShowClip) => {
    setClip({ file: chosen.file, startMs: chosen.chapter.startMs, productName: chosen.chapter.productName });
  }, []);

  return (
    <section className="show-player" aria-label={t('library.player')}>
      <div className="player-head">
        <h2>{show.title}</h2>
        {clip && (
          <>
            <span className="player-clip">{t('library.playingClip', { name: clip.productName })}</span>
            <button type="button" onClick={() => seek(clip.startMs)}>
              {t('library.wholeShow')}
            </button>
          </>
        )}
      </div>
      <FieldError message={failure} />
      <div className="player-main">
        <div className="player-video">
          {file ? (
            <video
              ref={video}
              key={file}
              src={replayMediaUrl(show.id, file)}
              controls
              preload="metadata"
              autoPlay={clip !== null || pendingSeekMs !== null}
              onLoadedMetadata={(event) => {
                const element = event.currentTarget;
                if (!clip) setMediaMs(element.duration * 1000);
                if (pendingSeekMs !== null) element.currentTime = pendingSeekMs / 1000;
                setPendingSeekMs(null);
                followVideo();
              }}
              onTimeUpdate={followVideo}
              onSeeked={() => {
                followVideo();
                setSeekCount((count) => count + 1);
              }}
            />
          ) : (
            <p className="player-unavailable">
              {detail === null ? t('library.loading') : (show.reason ?? t('library.notJoined'))}
            </p>
          )}
          {detail && <ReplayTimeline marks={detail.marks} lengthMs={lengthMs} playheadMs={playheadMs} onSeek={seek} />}
        </div>
        <div className="player-feed">
          <PlayheadList
            label={t('library.replayComments')}
            items={comments}
            playheadMs={playheadMs}
            seekCount={seekCount}
            empty={comments.length === 0 ? t('library.noComments') : t('library.noCommentsYet')}
            renderItem={(comment) => <CommentItem comment={comment} />}
          />
          <PlayheadList
            label={t('library.replayOrders')}
            items={orders}
            playheadMs={playheadMs}
            seekCount={seekCount}
            empty={orders.length === 0 ? t('library.noOrders') : t('library.noOrdersYet')}
            renderItem={(order) => <OrderItem order={order} />}
          />
        </div>
      </div>
      {detail && <ClipsSection detail={detail} onPlay={play} />}
    </section>
  );
}
