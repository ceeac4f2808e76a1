import { useState } from 'react';
import { engineRestart } from '../api/connect.dom';
import { useT } from './i18n/studioI18n.dom';

/** The Restart button for the Electron app's engine (its core process); nothing in the browser studio. */
export function EngineRestart() {
  const { t } = useT();
  const [restart] = useState(engineRestart);
  const [state, setState] = useState<{ busy: boolean; failed: string | null }>({ busy: false, failed: null });
  if (!restart) return null;
  const onClick = () => {
    setState({ busy: true, failed: null });
    // On success the page reloads and connects to the new engine.
    void restart().then(
      (failed) => setState({ busy: false, failed }),
      (error: unknown) => setState({ busy: false, failed: error instanceof Error ? error.message : String(error) }),
    );
  };
  return (
    <>
      <button type="button" onClick={onClick} disabled={state.busy}>
        {state.busy ? t('engine.restarting') : t('engine.restart')}
      </button>
      {state.failed !== null && <span> {t('engine.restartFailed', { reason: state.failed })}</span>}
    </>
  );
}

/** What the studio says when its core went away: in the app, the engine stopped (with Restart); in the browser, the studio process. */
export function ConnectionLost({ reason }: { reason: string | null }) {
  const { t } = useT();
  const inApp = window.shopcast !== undefined;
  return (
    <p role="alert" className="connection-lost">
      {inApp ? `${t('engine.stoppedAfter', { reason: reason ?? t('engine.stopped') })} ` : t('engine.coreStopped')}
      <EngineRestart />
    </p>
  );
}
