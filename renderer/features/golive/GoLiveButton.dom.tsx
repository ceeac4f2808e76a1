import { useRef, useState } from 'react';
import type { PreflightReport } from '../../../contract/schemas/preflight.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';

/**
 * Go Live first runs the pre-flight checks and shows them; the merchant starts the show from
 * there. While on air the same button ends it.
 */
export function GoLiveButton() {
  const api = useStudioApi();
  const state = useStudio((studio) => studio.live.state);
  const [ending, setEnding] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const [report, setReport] = useState<PreflightReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const goLive = async () => {
    setChecking(true);
    setFailure(null);
    try {
      setReport(await api.runPreflight());
    } catch (error) {
      setReport(null);
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setChecking(false);
      dialog.current?.showModal();
    }
  };

  const start = async () => {
    setFailure(null);
    try {
      await api.goLive();
      dialog.current?.close();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };

  const end = async () => {
    setEnding(true);
    try {
      await api.endLive();
    } finally {
      setEnding(false);
    }
  };

  if (state !== 'offline') {
    return (
      <button type="button" className="go-live on-air" onClick={() => void end()} disabled={ending || state === 'ending'} aria-busy={ending || state === 'ending'}>
        {state === 'ending' || ending ? 'Ending…' : 'End Live'}
      </button>
    );
  }

  return (
    <>
      <button type="button" className="go-live" onClick={() => void goLive()} disabled={checking} aria-busy={checking}>
        Go Live
      </button>
      <dialog ref={dialog} aria-labelledby="preflight-heading" className="preflight">
        <h2 id="preflight-heading">{report?.ready ? 'Ready to go live' : 'Not ready to go live yet'}</h2>
        {failure && <p role="alert">{failure}</p>}
        {report && (
          <ul aria-label="Pre-flight checks">
            {report.checks.map((check) => (
              <li key={check.id} className={!check.ok ? 'check-failed' : check.warning ? 'check-warning' : 'check-ok'}>
                <span aria-hidden="true">{!check.ok ? '✗' : check.warning ? '!' : '✓'}</span> {check.message}
              </li>
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          {report?.ready && (
            <button type="button" className="go-live" onClick={() => void start()}>
              Start the show
            </button>
          )}
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}
