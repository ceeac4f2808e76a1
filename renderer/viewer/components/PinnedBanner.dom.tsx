import { useT } from '../i18n/viewerI18n.dom';
import { useViewer } from '../viewerContext.dom';

export function PinnedBanner() {
  const { t } = useT();
  const pinned = useViewer((state) => state.pinned);
  if (!pinned) return null;
  return (
    <aside className="pinned" aria-label={t('pinned.region')}>
      <span className="pinned-label">{t('pinned.tag')}</span>
      <p className="user-text pinned-text">
        <bdi className="comment-name" dir="auto">
          {pinned.name}
        </bdi>{' '}
        <span dir="auto">{pinned.text}</span>
      </p>
    </aside>
  );
}
