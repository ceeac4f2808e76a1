import type { MouseEvent } from 'react';
import type { ReplayMark } from '../../../contract/schemas/replay.std';
import { formatClock } from './replayTime.std';
import { markLabel, percentAlong, promotionWidthPercent } from './timelineMarks.std';
import { useT } from '../../app/i18n/studioI18n.dom';

/**
 * The bar under the video: where the playhead is, and a lane each for promotions (spanning their
 * chapter), pins and order spikes. Every mark is a button that seeks the video to it; the track
 * itself seeks on a click too, for the mouse (the video's own controls seek by keyboard).
 */
export function ReplayTimeline({
  marks,
  lengthMs,
  playheadMs,
  onSeek,
}: {
  marks: readonly ReplayMark[];
  lengthMs: number;
  playheadMs: number;
  onSeek: (atMs: number) => void;
}) {
  const seekAlongTrack = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) onSeek(((event.clientX - box.left) / box.width) * lengthMs);
  };
  const translator = useT();
  const { t } = translator;
  const lanes = [
    { name: t('library.lane.promotions'), marks: marks.filter((mark) => mark.kind === 'promotion') },
    { name: t('library.lane.pins'), marks: marks.filter((mark) => mark.kind === 'pin') },
    { name: t('library.lane.orders'), marks: marks.filter((mark) => mark.kind === 'orders') },
  ];
  return (
    <div className="timeline" role="group" aria-label={t('library.timeline')}>
      <div className="timeline-track" aria-hidden="true" onClick={seekAlongTrack}>
        <div className="timeline-played" style={{ width: `${percentAlong(playheadMs, lengthMs)}%` }} />
      </div>
      {/* The show's clock, also while a clip plays (the video's own controls then count the clip's). */}
      <p className="timeline-clock" aria-hidden="true">
        {formatClock(playheadMs)} / {formatClock(lengthMs)}
      </p>
      {lanes
        .filter((lane) => lane.marks.length > 0)
        .map((lane) => (
        <div key={lane.name} className="timeline-lane" title={lane.name}>
          {lane.marks.map((mark, index) => {
            const label = markLabel(mark, translator);
            const left = percentAlong(mark.atMs, lengthMs);
            const width = mark.kind === 'promotion' ? promotionWidthPercent(mark, lengthMs) : null;
            return (
              <button
                key={`${mark.atMs}-${index}`}
                type="button"
                className={`mark mark-${mark.kind}`}
                aria-label={label}
                // A pin's comment is the viewer's text: shown as a tooltip, only ever as text.
                title={mark.kind === 'pin' ? `${label}: ${mark.text}` : label}
                style={width === null ? { left: `${left}%` } : { left: `${left}%`, width: `${width}%` }}
                onClick={() => onSeek(mark.atMs)}
              >
                {mark.kind === 'promotion' ? mark.productName : mark.kind === 'orders' ? mark.orders : null}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
