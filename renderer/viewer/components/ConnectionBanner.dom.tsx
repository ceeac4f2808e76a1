import { useT } from '../i18n/viewerI18n.dom';
import { useViewer } from '../viewerContext.dom';

/** Says when the page is not live with the room, and any refusal the room sent. */
export function ConnectionBanner() {
  const { t } = useT();
  const connection = useViewer((state) => state.connection);
  const roomError = useViewer((state) => state.roomError);
  if (connection === 'open' && !roomError) return null;
  const text = connection === 'connecting' ? t('banner.connecting') : connection === 'reconnecting' ? t('banner.reconnecting') : roomError;
  return (
    <div className={connection === 'open' ? 'banner banner-error' : 'banner'} role="status" aria-live="polite">
      {text}
    </div>
  );
}
