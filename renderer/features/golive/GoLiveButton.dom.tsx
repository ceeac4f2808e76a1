import { useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PreflightCheck, PreflightReport } from '../../../contract/schemas/preflight.std';
import type { ShowResults } from '../../../contract/schemas/showResults.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { errorMessage } from '../destinations/errorMessage.std';
import { coreCheckWords } from './coreCheckWords.std';
import { combineReports, deviceChecks } from './deviceChecks.std';
import { EndLiveButton } from './EndLiveButton.dom';
import { ShowResultsDialog } from './ShowResultsDialog.dom';

/**
 * Go Live while off air, End Live (which asks first) while on; the show's results stay up after
 * it ends, so they live here, beside both.
 */
export function GoLiveButton() {
  const state = useStudio((studio) => studio.live.state);
  const [results, setResults] = useState<ShowResults | null>(null);
  return (
    <>
      {state === 'offline' ? <PreflightGoLive /> : <EndLiveButton state={state} onEnded={setResults} />}
      <ShowResultsDialog results={results} onClose={() => setResults(null)} />
    </>
  );
}

/**
 * Go Live first runs the pre-flight and shows it: the page's own rows (cameras, microphone) with
 * the core's (the picture's rate, each destination's test publish, upload, encoder, disk, words).
 * The merchant starts the show from there.
 */
function PreflightGoLive() {
  const api = useStudioApi();
  const translator = useT();
  const { t } = translator;
  const devices = useStudio(
    useShallow((studio) => ({
      scenes: studio.sceneCollection,
      sourceStatuses: studio.sourceStatuses,
      microphone: studio.microphoneStatus,
      microphoneMuted: studio.settings.audio.microphoneMuted,
    })),
  );
  const dialog = useRef<HTMLDialogElement>(null);
  const [coreReport, setCoreReport] = useState<PreflightReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Recomputed from the store while the dialog is open: a camera allowed now turns green now.
  const deviceRows = useMemo(() => deviceChecks(devices, translator), [devices, translator]);
  const coreRows = useMemo(() => coreReport && { ...coreReport, checks: coreReport.checks.map((row) => coreCheckWords(row, translator)) }, [coreReport, translator]);
  const report = coreRows ? combineReports(deviceRows, coreRows) : null;

  const check = async () => {
    setChecking(true);
    setFailure(null);
    setCoreReport(null);
    if (!dialog.current?.open) dialog.current?.showModal();
    try {
      setCoreReport(await api.runPreflight());
    } catch (error) {
      setFailure(errorMessage(error, translator));
    } finally {
      setChecking(false);
    }
  };

  const start = async () => {
    setFailure(null);
    try {
      await api.goLive();
      dialog.current?.close();
    } catch (error) {
      setFailure(errorMessage(error, translator));
    }
  };

  const rows = report?.checks ?? deviceRows;
  const withDetails = rows.filter((row) => row.details);
  return (
    <>
      <button type="button" className="go-live" onClick={() => void check()} disabled={checking} aria-busy={checking}>
        {t('golive.button')}
      </button>
      <dialog ref={dialog} aria-labelledby="preflight-heading" className="preflight" aria-busy={checking}>
        <h2 id="preflight-heading">{checking ? t('golive.checking') : report?.ready ? t('golive.ready') : t('golive.notReady')}</h2>
        {failure && <p role="alert">{failure}</p>}
        <ul aria-label={t('golive.checks')}>
          {rows.map((row) => (
            <CheckRow key={row.id} check={row} />
          ))}
          {checking && (
            <li className="check-pending" role="status">
              <span aria-hidden="true">…</span> {t('golive.testing')}
            </li>
          )}
        </ul>
        {!checking && withDetails.length > 0 && (
          <details className="preflight-details">
            <summary>{t('golive.details')}</summary>
            <dl>
              {withDetails.map((row) => (
                <div key={row.id}>
                  <dt>{row.message}</dt>
                  <dd>{row.details}</dd>
                </div>
              ))}
            </dl>
          </details>
        )}
        <div className="dialog-actions">
          {report && !checking && report.ready && (
            <button type="button" className="go-live" onClick={() => void start()}>
              {t('golive.start')}
            </button>
          )}
          {/* A destination down, a blocked camera, a slow picture: the merchant may still start
              (viewers are waiting), having read why. No encoder, picture or destination: no show. */}
          {report && !checking && !report.ready && !report.checks.some((row) => !row.ok && row.blocking) && (
            <button type="button" className="start-anyway" onClick={() => void start()}>
              {t('golive.startAnyway')}
            </button>
          )}
          {!checking && (
            <button type="button" onClick={() => void check()}>
              {t('golive.checkAgain')}
            </button>
          )}
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('common.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}

function CheckRow({ check }: { check: PreflightCheck }) {
  const tone = !check.ok ? 'failed' : check.warning ? 'warning' : 'ok';
  return (
    <li className={`check-${tone}`}>
      <span className="check-mark" aria-hidden="true">
        {tone === 'failed' ? '✗' : tone === 'warning' ? '!' : '✓'}
      </span>
      <span className="check-text">
        <span className="check-message">{check.message}</span>
        {check.fix && tone !== 'ok' && <span className="check-fix">{check.fix}</span>}
      </span>
    </li>
  );
}
