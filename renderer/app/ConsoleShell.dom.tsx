import { useEffect } from 'react';
import { LivePanel } from '../features/panel/LivePanel.dom';
import { useStudio, useStudioApi } from './studioContext.dom';

/**
 * A staff console on another computer or a phone: only the live panel, the width of the window.
 * No preview, scenes, Go Live or destinations — a console never captures or streams, so nothing
 * here needs a secure context (it is served over plain http on the LAN). When the core ends the
 * session (revoked, expired) the controls go away and the reason stays.
 */
export function ConsoleShell() {
  const api = useStudioApi();
  const whoAmI = useStudio((state) => state.whoAmI);
  const connection = useStudio((state) => state.connection);
  const reason = useStudio((state) => state.connectionEndedReason);
  const ended = connection === 'refused' || connection === 'lost';

  // Rendered: now the host's Staff list may say this window is connected (an effect runs after
  // the panel is on screen; a page that fails before then never claims to be up).
  useEffect(() => {
    void api.consoleReady().catch((error: unknown) => console.warn('The studio was not told this console is up', error));
  }, [api]);

  useEffect(() => {
    document.title = `Staff console — ${whoAmI.name}`;
  }, [whoAmI.name]);

  return (
    <div className="console">
      <header className="console-header">
        <h1>
          <span className="brand">Shopcast staff console</span> <span className="console-who">— {whoAmI.name} ({whoAmI.role})</span>
        </h1>
      </header>
      {ended ? (
        <main className="console-ended">
          <p role="alert">{reason ?? 'The connection to the studio was lost. Ask the host for a new code if this console should keep working.'}</p>
        </main>
      ) : (
        <LivePanel console />
      )}
    </div>
  );
}
