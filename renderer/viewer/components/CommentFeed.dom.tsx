import { useT } from '../i18n/viewerI18n.dom';
import { useLayoutEffect, useRef, useState } from 'react';
import type { FeedItem } from '../viewerState.std';
import { useViewer } from '../viewerContext.dom';

/** How close to the bottom (px) still counts as reading the newest comments. */
const STICKY_PX = 48;

function FeedEntry({ item }: { item: FeedItem }) {
  const { t } = useT();
  if (item.kind === 'gap') {
    return (
      <li className="feed-item gap">
        <p>{t('feed.missed')}</p>
      </li>
    );
  }
  if (item.kind === 'reply') {
    return (
      <li className="feed-item reply">
        {item.replyTo && (
          <p className="user-text reply-to">
            ↪ <bdi dir="auto">{item.replyTo.name}</bdi>: <span dir="auto">{item.replyTo.text}</span>
          </p>
        )}
        <p className="user-text">
          <span className="shop-badge">{t('feed.shop')}</span> <span dir="auto">{item.text}</span>
        </p>
      </li>
    );
  }
  return (
    <li className={item.own ? 'feed-item comment own' : 'feed-item comment'}>
      <p className="user-text">
        <bdi className="comment-name" dir="auto">
          {item.comment.name}
        </bdi>
        {item.own && <span className="you-badge">{t('feed.you')}</span>} <span dir="auto">{item.comment.text}</span>
      </p>
    </li>
  );
}

/** The comments, newest at the bottom; it follows new ones unless the viewer scrolled up. */
export function CommentFeed() {
  const { t } = useT();
  const feed = useViewer((state) => state.feed);
  const listRef = useRef<HTMLOListElement>(null);
  // Where the list was last scrolled to: only a move up is the viewer leaving the newest comments.
  const lastTop = useRef(0);
  const newest = feed.at(-1)?.id;
  // null while the viewer reads the newest comments; else the newest one when they scrolled up.
  const [scrolledUpAt, setScrolledUpAt] = useState<string | undefined | null>(null);
  const unseen = scrolledUpAt !== null && newest !== scrolledUpAt;

  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && scrolledUpAt === null) {
      list.scrollTop = list.scrollHeight;
      lastTop.current = list.scrollTop;
    }
  }, [feed, scrolledUpAt]);

  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < STICKY_PX;
    const movedUp = list.scrollTop < lastTop.current - 1;
    lastTop.current = list.scrollTop;
    if (atBottom) setScrolledUpAt(null);
    else if (movedUp) setScrolledUpAt((previous) => previous ?? newest);
  };

  const jump = () => setScrolledUpAt(null);

  return (
    <section className="feed" aria-label={t('feed.region')}>
      {feed.length === 0 ? (
        <p className="feed-empty">{t('feed.empty')}</p>
      ) : (
        <ol className="feed-list" ref={listRef} onScroll={onScroll} aria-live="polite" aria-relevant="additions">
          {feed.map((item) => (
            <FeedEntry key={`${item.kind}:${item.id}`} item={item} />
          ))}
        </ol>
      )}
      {unseen && (
        <button type="button" className="feed-jump" onClick={jump}>
          {t('feed.jump')}
        </button>
      )}
    </section>
  );
}
