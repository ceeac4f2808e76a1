import { EngineRestart } from './EngineRestart.dom';
import { useT } from './i18n/studioI18n.dom';

export function ConnectionFailed({ reason }: { reason: string }) {
  const { t } = useT();
  if (window.shopcast) {
    return (
      <main className="connection-failed">
        <h1>{t('engine.notRunning')}</h1>
        <p>{reason}</p>
        <p>
          {t('engine.roomStaysOpen')} <EngineRestart />
        </p>
      </main>
    );
  }
  return (
    <main className="connection-failed">
      <h1>{t('engine.unreachable')}</h1>
      <p>{reason}</p>
      <p>{t('engine.restartStudio')}</p>
    </main>
  );
}
