import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { isAtBottom } from '../panel/autoScroll.std';
import { countUpTo } from './replayTime.std';

const ESTIMATED_ROW_PX = 44;

/**
 * A replay's comments or orders as they stood at the playhead: the items up to it (found by
 * binary search), newest at the bottom, virtualized (a show can hold 5,000 comments), following
 * the newest unless the reader scrolled up to read; a seek (`seekCount`) follows again.
 */
export function PlayheadList<T extends { id: string; atMs: number }>({
  label,
  items,
  playheadMs,
  seekCount,
  empty,
  renderItem,
}: {
  label: string;
  /** In time order. */
  items: readonly T[];
  playheadMs: number;
  seekCount: number;
  empty: string;
  renderItem: (item: T) => ReactNode;
}) {
  const count = countUpTo(items, playheadMs);
  const listRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // Rows render through renderItem, not memoised props: the React Compiler's assumptions do not hold here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const totalSize = virtualizer.getTotalSize();

  useLayoutEffect(() => {
    following.current = true;
  }, [seekCount]);

  // Also when a row on screen finishes measuring (totalSize), so the newest stays in view.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (following.current && list) list.scrollTop = list.scrollHeight;
  }, [count, totalSize, seekCount]);

  return (
    <div className="playhead-list-frame">
      <div
        ref={listRef}
        className="playhead-list"
        role="list"
        aria-label={label}
        tabIndex={0}
        onScroll={(event) => {
          const { scrollTop, scrollHeight, clientHeight } = event.currentTarget;
          following.current = isAtBottom(scrollTop, scrollHeight, clientHeight);
        }}
      >
        {count === 0 ? (
          <p className="empty">{empty}</p>
        ) : (
          <div style={{ height: totalSize, position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = items[row.index];
              if (!item) return null;
              return (
                <div
                  key={row.key}
                  role="listitem"
                  aria-setsize={count}
                  aria-posinset={row.index + 1}
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  className={row.index === count - 1 ? 'playhead-slot current' : 'playhead-slot'}
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  {renderItem(item)}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
