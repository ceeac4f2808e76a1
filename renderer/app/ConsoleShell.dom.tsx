import { LivePanel } from '../features/panel/LivePanel.dom';
import { useStudio } from './studioContext.dom';

/**
 * A staff console on another computer: only the live panel, full width. No preview, scenes, Go
 * Live or destinations — a console never captures or streams. When the core ends the session
 * (revoked, expired) the controls go away and the reason stays.
 */
export function ConsoleShell() {
  const whoAmI = useStudio((state) => state.whoAmI);
  const connection = useStudio((state) => state.connection);
  const reason = useStudio((state) => state.connectionEndedReason);
  const ended = connection === 'refused' || connection === 'lost';
  return (
    <div className="console">
      <header className="studio-header">
        <h1 className="brand">
          Shopcast staff console — {whoAmI.name} ({whoAmI.role})
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
