import { useStudio } from '../../app/studioContext.dom';
import { captureKey, type VideoSource } from '../compositor/captureKeys.std';
import { useCompositor } from '../compositor/compositorContext.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

/** Where a camera or screen capture stands, with the one action that helps. */
export function CaptureStatus({ source }: { source: VideoSource }) {
  const status = useStudio((state) => state.sourceStatuses[source.id]);
  const { captures } = useCompositor();
  const { t } = useT();
  if (!status) return null;
  return (
    <div className={`capture-status capture-${status.state}`}>
      <span aria-live="polite">{status.state === 'starting' ? t('capture.starting') : status.state === 'live' ? t('capture.live') : (status.message ?? t('capture.unavailable'))}</span>
      {status.state === 'error' && source.kind === 'camera' && (
        <button type="button" className="small-button" aria-label={t('capture.retry', { name: source.name })} onClick={() => captures.retry(captureKey(source))}>
          {t('capture.retryButton')}
        </button>
      )}
      {status.state === 'error' && source.kind === 'screen' && <ShareScreenButton />}
    </div>
  );
}

/** Browsers share a screen only from a click, so this calls shareScreen straight from it. */
export function ShareScreenButton() {
  const { captures } = useCompositor();
  const { t } = useT();
  return (
    <button type="button" className="small-button" onClick={() => void captures.shareScreen()}>
      {t('capture.shareScreen')}
    </button>
  );
}
