import { memo, useState } from 'react';
import type { ShowDetail, StartExport } from '../../../contract/schemas/replay.std';
import { useStudioApi } from '../../app/studioContext.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { fileNameOf, replayMediaUrl } from './mediaUrl.std';
import { formatRange } from './replayTime.std';
import { formatBytes } from './showText.std';
import { FieldError } from '../../app/FieldError.dom';

export type ShowClip = ShowDetail['clips'][number];

/**
 * The show's clips (one per promotion) and what was exported from it. The exports run in the
 * core's background; their progress is in the export jobs list, and this list is read again
 * when one finishes.
 */
export const ClipsSection = memo(function ClipsSection({ detail, onPlay }: { detail: ShowDetail; onPlay: (clip: ShowClip) => void }) {
  const api = useStudioApi();
  const { run, failure } = usePanelCall();
  const [exact, setExact] = useState(false);
  const showId = detail.show.id;
  const start = (request: StartExport) => void run(() => api.startExport(request));

  return (
    <section className="clips" aria-labelledby="clips-heading">
      <h3 id="clips-heading">Clips</h3>
      <div className="clip-tools">
        <button type="button" onClick={() => start({ kind: 'clips', showId, mode: exact ? 'exact' : 'keyframe' })}>
          Cut clips
        </button>
        <label>
          <input type="checkbox" checked={exact} onChange={(event) => setExact(event.target.checked)} /> Exact cut (re-encode, slower)
        </label>
        <button type="button" onClick={() => start({ kind: 'show', showId })}>
          Export whole show (MP4 with chapters)
        </button>
      </div>
      <FieldError message={failure} />
      {detail.clips.length === 0 ? (
        <p className="empty">No clips yet. “Cut clips” makes one for each product promoted in the show.</p>
      ) : (
        <ul className="clip-list" aria-label="Clips">
          {detail.clips.map((clip) => (
            <li key={clip.file} className="clip">
              {clip.thumbnail ? <img src={replayMediaUrl(showId, clip.thumbnail)} alt="" className="clip-thumb" loading="lazy" /> : <span className="clip-thumb" />}
              <div className="clip-text">
                <span className="clip-name">{clip.chapter.productName}</span>
                <span className="clip-range">{formatRange(clip.chapter.startMs, clip.chapter.endMs)}</span>
              </div>
              <div className="clip-actions">
                <button type="button" aria-label={`Play ${clip.chapter.productName}`} onClick={() => onPlay(clip)}>
                  Play
                </button>
                <button type="button" onClick={() => start({ kind: 'vertical', showId, clip: clip.file, layout: 'crop' })}>
                  Export 9:16 (crop)
                </button>
                <button type="button" onClick={() => start({ kind: 'vertical', showId, clip: clip.file, layout: 'letterbox' })}>
                  Export 9:16 (letterbox)
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3 id="exports-heading">Exports</h3>
      {detail.exports.length === 0 ? (
        <p className="empty">Nothing exported from this show yet.</p>
      ) : (
        <ul className="export-list" aria-labelledby="exports-heading">
          {detail.exports.map((made) => (
            <li key={made.file}>
              <a href={replayMediaUrl(showId, made.file)} download={fileNameOf(made.file)}>
                {fileNameOf(made.file)}
              </a>{' '}
              <span className="export-size">{formatBytes(made.sizeBytes)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
