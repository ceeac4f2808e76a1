import { useState } from 'react';
import type { ShowSummary } from '../../../contract/schemas/replay.std';
import { ConfirmAction } from '../../app/ConfirmAction.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { formatMoneyByCurrency } from '../panel/orderFilters.std';
import { usePanelCall } from '../panel/usePanelCall.dom';
import { formatBytes, formatShowDate, formatShowLength, productsLine, showStateLabels } from './showText.std';
import { FieldError } from '../../app/FieldError.dom';

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
        <span className={`tag show-state-${show.state}`}>{showStateLabels[show.state]}</span>
      </div>
      <dl className="show-figures">
        <div>
          <dt className="visually-hidden">Date</dt>
          <dd>{formatShowDate(show.startedAt)}</dd>
        </div>
        <div>
          <dt>Length</dt>
          <dd>{formatShowLength(show.durationSec)}</dd>
        </div>
        <div>
          <dt>Orders</dt>
          <dd>{show.orders}</dd>
        </div>
        <div>
          <dt>GMV</dt>
          <dd>{formatMoneyByCurrency(show.gmv)}</dd>
        </div>
        <div>
          <dt>Clips</dt>
          <dd>{show.clips}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(show.sizeBytes)}</dd>
        </div>
      </dl>
      <p className="show-products">{productsLine(show.productsPromoted)}</p>
      {show.reason && <p className="show-reason">{show.reason}</p>}
      {mode === 'renaming' && (
        <form
          className="show-rename"
          aria-label={`Rename ${show.title}`}
          onSubmit={(event) => {
            event.preventDefault();
            void rename();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setMode('idle');
          }}
        >
          <input aria-label="Show title" value={title} maxLength={120} autoFocus onChange={(event) => setTitle(event.target.value)} />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      )}
      {mode === 'deleting' && (
        <ConfirmAction
          question={`Delete “${show.title}”? Its recording, clips and exports are deleted for good.`}
          label={`Delete ${show.title}?`}
          verb="Delete"
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
            Rename
          </button>
          <button type="button" onClick={() => void run(async () => setFolder(await api.revealShow({ showId: show.id })))}>
            Reveal folder
          </button>
          <button type="button" onClick={() => setMode('deleting')}>
            Delete…
          </button>
        </div>
      )}
      {folder && (
        // The path as text either way: a browser studio cannot open a folder on the studio's machine.
        <p className="show-folder">
          {folder.revealed ? 'Opened in the file manager: ' : 'The show’s folder: '}
          <code>{folder.folder}</code>
        </p>
      )}
      <FieldError message={failure} />
    </li>
  );
}
