import { useEffect } from 'react';
import { LivePanel } from '../features/panel/LivePanel.dom';
import { LanguageSwitch, useT } from './i18n/studioI18n.dom';
import { useStudio, useStudioApi } from './studioContext.dom';

/**
 * A staff console on another computer or a phone: only the live panel, the width of the window.
 * No preview, scenes, Go Live or destinations — a console never captures or streams, so nothing
 * here needs a secure context (it is served over plain http on the LAN). When the core ends the
 * session (revoked, expired) the controls go away and the reason stays.
 */
export function ConsoleShell() {
  const api = useStudioApi();
  const { t } = useT();
  const whoAmI = useStudio((state) => state.whoAmI);
  const connection = useStudio((state) => state.connection);
  const reason = useStudio((state) => state.connectionEndedReason);
  const ended = connection === 'refused' || connection === 'lost';

  // Rendered: now the host's Staff list may say this window is connected (an effect runs after
  // the panel is on screen; a page that fails before then never claims to be up).
  useEffect(() => {
    void api.consoleReady().catch((error: unknown) => console.warn('The studio was not told this console is up', error));
  }, [api]);

  const title = t('console.title', { name: whoAmI.name });
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <div className="console">
      <header className="console-header">
        <h1>
          <span className="brand">{t('console.brand')}</span> <span className="console-who">{t('console.who', { name: whoAmI.name, role: whoAmI.role })}</span>
        </h1>
        {/* Gone with the other controls once the session ends: what stays is the reason. */}
        {!ended && <LanguageSwitch />}
      </header>
      {ended ? (
        <main className="console-ended">
          <p role="alert">{reason ?? t('console.lost')}</p>
        </main>
      ) : (
        <LivePanel console />
      )}
    </div>
  );
}
