import { useState } from 'react';
import { engineRestart } from '../api/connect.dom';

/** The Restart button for the Electron app's engine (its core process); nothing in the browser studio. */
export function EngineRestart() {
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
        {state.busy ? 'Restarting…' : 'Restart'}
      </button>
      {state.failed !== null && <span> It did not start again: {state.failed}</span>}
    </>
  );
}

/** What the studio says when its core went away: in the app, the engine stopped (with Restart); in the browser, the studio process. */
export function ConnectionLost({ reason }: { reason: string | null }) {
  const inApp = window.shopcast !== undefined;
  return (
    <p role="alert" className="connection-lost">
      {inApp
        ? `${reason ?? "Shopcast's engine stopped."} Your live room stays open for your viewers; if you were live, your stream stopped. `
        : 'The studio core stopped. Restart it and open its new link.'}
      <EngineRestart />
    </p>
  );
}
