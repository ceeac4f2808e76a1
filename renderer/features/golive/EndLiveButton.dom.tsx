import { useRef, useState } from 'react';
import type { LiveSession } from '../../../contract/schemas/live.std';
import { BUY_GRACE_CHOICES, type ShowResults } from '../../../contract/schemas/showResults.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudioApi } from '../../app/studioContext.dom';
import { errorMessage } from '../destinations/errorMessage.std';

/**
 * End Live sits where Go Live was, so one stray click must not end a sale: it asks first, with
 * what viewers' Buy does afterwards (closed at once unless the merchant keeps it open a while).
 */
export function EndLiveButton({ state, onEnded }: { state: LiveSession['state']; onEnded: (results: ShowResults | null) => void }) {
  const api = useStudioApi();
  const translator = useT();
  const { t } = translator;
  const dialog = useRef<HTMLDialogElement>(null);
  const [grace, setGrace] = useState<number>(0);
  const [ending, setEnding] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const busy = ending || state === 'ending';

  const ask = () => {
    setGrace(0);
    setFailure(null);
    dialog.current?.showModal();
  };

  const end = async () => {
    setEnding(true);
    setFailure(null);
    try {
      const { results } = await api.endLive({ buyGraceMinutes: grace });
      dialog.current?.close();
      onEnded(results);
    } catch (error) {
      setFailure(errorMessage(error, translator));
    } finally {
      setEnding(false);
    }
  };

  return (
    <>
      <button type="button" className="go-live on-air" onClick={ask} disabled={busy} aria-busy={busy}>
        {busy ? t('endlive.ending') : t('endlive.button')}
      </button>
      {/* Escape or "Keep the show on" closes it with nothing changed; not while the end is under way. */}
      <dialog ref={dialog} aria-labelledby="end-show-heading" className="preflight end-show" onCancel={(event) => ending && event.preventDefault()}>
        <h2 id="end-show-heading">{t('endlive.heading')}</h2>
        <p>{t('endlive.body')}</p>
        <fieldset className="grace-choice" disabled={ending}>
          <legend>{t('endlive.graceLegend')}</legend>
          {BUY_GRACE_CHOICES.map((minutes) => (
            <label key={minutes}>
              <input type="radio" name="buy-grace" value={minutes} checked={grace === minutes} onChange={() => setGrace(minutes)} />
              {t('endlive.grace', { minutes })}
            </label>
          ))}
        </fieldset>
        {failure && <p role="alert">{failure}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()} disabled={ending}>
            {t('endlive.keepOn')}
          </button>
          <button type="button" className="go-live" onClick={() => void end()} disabled={ending} aria-busy={ending}>
            {ending ? t('endlive.confirming') : t('endlive.confirm')}
          </button>
        </div>
      </dialog>
    </>
  );
}
