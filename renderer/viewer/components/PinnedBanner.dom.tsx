import { useViewer } from '../viewerContext.dom';

export function PinnedBanner() {
  const pinned = useViewer((state) => state.pinned);
  if (!pinned) return null;
  return (
    <aside className="pinned" aria-label="Pinned comment">
      <span className="pinned-label">📌 Pinned</span>
      <p className="user-text pinned-text">
        <bdi className="comment-name" dir="auto">
          {pinned.name}
        </bdi>{' '}
        <span dir="auto">{pinned.text}</span>
      </p>
    </aside>
  );
}
