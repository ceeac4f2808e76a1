import { memo, useState } from 'react';
import type { ShowDetail, StartExport } from '../../../contract/schemas/replay.std';
import { useStudioApi } from '../../app/studioContext.dom';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { fileNameOf, replayMediaUrl } from './mediaUrl.std';
import { formatRange } from './replayTime.std';
import { formatBytes } from './showText.std';
import { FieldError } from '../../app/FieldError.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

export type ShowClip = ShowDetail['clips'][number];

/**
 * The show's clips (one per promotion) and what was exported from it. The exports run in the
 * core's background; their progress is in the export jobs list, and this list is read again
 * when one finishes.
 */
export const ClipsSection = memo(function ClipsSection({ detail, onPlay }: { detail: ShowDetail; onPlay: (clip: ShowClip) => void }) {
  const api = useStudioApi();
  const { run, failure } = usePanelCall();
  const translator = useT();
  const { t } = translator;
  const [exact, setExact] = useState(false);
  const showId = detail.show.id;
  const start = (request: StartExport) => void run(() => api.startExport(request));

  return (
    <section className="clips" aria-labelledby="clips-heading">
      <h3 id="clips-heading">{t('library.clipsHeading')}</h3>
      <div className="clip-tools">
        <button type="button" onClick={() => start({ kind: 'clips', showId, mode: exact ? 'exact' : 'keyframe' })}>
          {t('library.cut')}
        </button>
        <label>
          <input type="checkbox" checked={exact} onChange={(event) => setExact(event.target.checked)} /> {t('library.exact')}
        </label>
        <button type="button" onClick={() => start({ kind: 'show', showId })}>
          {t('library.exportShow')}
        </button>
      </div>
      <FieldError message={failure} />
      {detail.clips.length === 0 ? (
        <p className="empty">{t('library.noClips')}</p>
      ) : (
        <ul className="clip-list" aria-label={t('library.clipList')}>
          {detail.clips.map((clip) => (
            <li key={clip.file} className="clip">
              {clip.thumbnail ? <img src={replayMediaUrl(showId, clip.thumbnail)} alt="" className="clip-thumb" loading="lazy" /> : <span className="clip-thumb" />}
              <div className="clip-text">
                <span className="clip-name">{clip.chapter.productName}</span>
                <span className="clip-range">{formatRange(clip.chapter.startMs, clip.chapter.endMs, translator)}</span>
              </div>
              <div className="clip-actions">
                <button type="button" aria-label={t('library.play', { name: clip.chapter.productName })} onClick={() => onPlay(clip)}>
                  {t('library.playButton')}
                </button>
                <button type="button" onClick={() => start({ kind: 'vertical', showId, clip: clip.file, layout: 'crop' })}>
                  {t('library.crop')}
                </button>
                <button type="button" onClick={() => start({ kind: 'vertical', showId, clip: clip.file, layout: 'letterbox' })}>
                  {t('library.letterbox')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3 id="exports-heading">{t('library.exports')}</h3>
      {detail.exports.length === 0 ? (
        <p className="empty">{t('library.noExports')}</p>
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
