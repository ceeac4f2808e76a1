import { useState } from 'react';
import type { ShowSummary } from '../../../contract/schemas/replay.std';
import { ConfirmAction } from '../../app/ConfirmAction.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { formatMoneyByCurrency } from '../panel/orderFilters.std';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { formatBytes, formatShowDate, formatShowLength, productsLine } from './showText.std';
import { FieldError } from '../../app/FieldError.dom';
import { Sentence, useT } from '../../app/i18n/studioI18n.dom';

type RowMode = 'idle' | 'renaming' | 'deleting';

/** One recorded show: its figures, its state in words, and rename, reveal and delete in place. */
export function ShowRow({ show, open, onOpen }: { show: ShowSummary; open: boolean; onOpen: () => void }) {
  const api = useStudioApi();
  const showsReceived = useStudio((state) => state.showsReceived);
  const showReceived = useStudio((state) => state.showReceived);
  const { run, failure, clearFailure } = usePanelCall();
  const [mode, setMode] = useState<RowMode>('idle');
  const [title, setTitle] = useState(show.title);
  const [folder, setFolder] = useState<{ revealed: boolean; folder: string } | null>(null);
  const translator = useT();
  const { t } = translator;

  const rename = async () => {
    const saved = await run(async () => showReceived(await api.renameShow({ showId: show.id, title })));
    if (saved) setMode('idle');
  };
  const startRenaming = () => {
    setTitle(show.title);
    clearFailure();
    setMode('renaming');
  };

  return (
    <li className={open ? 'show-row open' : 'show-row'}>
      <div className="show-head">
        <button type="button" className="show-title" aria-current={open ? 'true' : undefined} onClick={onOpen}>
          {show.title}
        </button>
        <span className={`tag show-state-${show.state}`}>{t(`library.state.${show.state}`)}</span>
      </div>
      <dl className="show-figures">
        <div>
          <dt className="visually-hidden">{t('library.date')}</dt>
          <dd>{formatShowDate(show.startedAt, translator)}</dd>
        </div>
        <div>
          <dt>{t('library.length')}</dt>
          <dd>{formatShowLength(show.durationSec, translator)}</dd>
        </div>
        <div>
          <dt>{t('library.orders')}</dt>
          <dd>{show.orders}</dd>
        </div>
        <div>
          <dt>{t('library.gmv')}</dt>
          <dd>{formatMoneyByCurrency(show.gmv)}</dd>
        </div>
        <div>
          <dt>{t('library.clips')}</dt>
          <dd>{show.clips}</dd>
        </div>
        <div>
          <dt>{t('library.size')}</dt>
          <dd>{formatBytes(show.sizeBytes)}</dd>
        </div>
      </dl>
      <p className="show-products">{productsLine(show.productsPromoted, translator)}</p>
      {show.reason && <p className="show-reason">{show.reason}</p>}
      {mode === 'renaming' && (
        <form
          className="show-rename"
          aria-label={t('library.rename', { title: show.title })}
          onSubmit={(event) => {
            event.preventDefault();
            void rename();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setMode('idle');
          }}
        >
          <input aria-label={t('library.title')} value={title} maxLength={120} autoFocus onChange={(event) => setTitle(event.target.value)} />
          <button type="submit">{t('common.save')}</button>
          <button type="button" onClick={() => setMode('idle')}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {mode === 'deleting' && (
        <ConfirmAction
          question={t('library.deleteQuestion', { title: show.title })}
          label={t('library.deleteLabel', { title: show.title })}
          verb={t('library.delete')}
          onConfirm={() => {
            setMode('idle');
            void run(async () => showsReceived(await api.deleteShow({ showId: show.id })));
          }}
          onCancel={() => setMode('idle')}
        />
      )}
      {mode === 'idle' && (
        <div className="show-actions">
          <button type="button" onClick={startRenaming}>
            {t('library.renameButton')}
          </button>
          <button type="button" onClick={() => void run(async () => setFolder(await api.revealShow({ showId: show.id })))}>
            {t('library.reveal')}
          </button>
          <button type="button" onClick={() => setMode('deleting')}>
            {t('library.deleteButton')}
          </button>
        </div>
      )}
      {folder && (
        // The path as text either way: a browser studio cannot open a folder on the studio's machine.
        <p className="show-folder">
          <Sentence message={folder.revealed ? 'library.revealed' : 'library.folder'} values={{ folder: folder.folder }} tag="path" className="show-folder-path" />
        </p>
      )}
      <FieldError message={failure} />
    </li>
  );
}
