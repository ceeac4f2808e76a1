import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { PanelAction, PanelComment } from '../../../contract/schemas/panel.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { FirstShowChecklist } from '../firstShow/FirstShowChecklist.dom';
import { following, isAtBottom, nextAutoScroll, refreshFrozen, unseenLabel } from './autoScroll.std';
import { buyersOf, commentFilters, filterComments, type CommentFilter } from './commentFilters.std';
import { CommentRow, type CommentCommand } from './CommentRow.dom';
import { FlaggedText } from './FlaggedText.dom';
import { ReplyComposer } from './ReplyComposer.dom';
import { usePanelCall } from './usePanelCall.dom';
import { useWordFlags } from './useWordFlags.dom';
import { FieldError } from '../../app/FieldError.dom';

const ESTIMATED_ROW_PX = 64;

/**
 * The comments: a virtualized list of the panel's window (only the rows on screen exist) that
 * follows the newest until the reader holds it, with filters, search and per-comment actions.
 * At 2,000 comments a second the list re-renders once per batch (≤ 10 a second); rows are memoised
 * on their comment, so only rows that are new on screen render.
 */
export function CommentsTab() {
  const api = useStudioApi();
  const translator = useT();
  const { t } = translator;
  const comments = useStudio((state) => state.panel.comments);
  const orders = useStudio((state) => state.panel.orders);
  const pinned = useStudio((state) => state.panel.pinned);
  // Before the first show the empty list is the merchant's start: what to do first goes above it.
  const firstShow = useStudio((state) => state.shows.length === 0 && state.live.state === 'offline' && state.whoAmI.role === 'host');
  const quickReplies = useStudio((state) => state.settings.livePanel.quickReplies);
  const flagsOf = useWordFlags();
  const { run, failure } = usePanelCall();

  const [filter, setFilter] = useState<CommentFilter>('all');
  const [search, setSearch] = useState('');
  const buyers = useMemo(() => buyersOf(orders), [orders]);
  const matching = useMemo(
    () => filterComments(comments, { filter, search, buyers, isFlagged: (comment) => flagsOf(comment).length > 0 }),
    [comments, filter, search, buyers, flagsOf],
  );

  const [scroll, dispatchScroll] = useReducer(nextAutoScroll, following);
  const [frozen, setFrozen] = useState<readonly PanelComment[]>([]);
  const byId = useMemo(() => (scroll.mode === 'paused' ? new Map(comments.map((comment) => [comment.id, comment])) : null), [comments, scroll.mode]);
  const shown = scroll.mode === 'paused' && byId ? refreshFrozen(frozen, byId) : matching;
  const unseen = unseenLabel(scroll, matching, translator);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<PanelComment | null>(null);

  const hold = useCallback(() => {
    if (scroll.mode === 'paused') return;
    setFrozen(matching);
    dispatchScroll({ kind: 'held', newestSeq: matching.at(-1)?.seq ?? 0 });
  }, [scroll.mode, matching]);
  const resume = useCallback(() => {
    setFrozen([]);
    dispatchScroll({ kind: 'resume' });
  }, []);

  // A new filter or search is a new list: start again from its newest comment.
  const showOnly = (next: CommentFilter) => {
    setFilter(next);
    resume();
  };
  const searchFor = (text: string) => {
    setSearch(text);
    resume();
  };

  const listRef = useRef<HTMLDivElement>(null);
  // The React Compiler is not used here; rows are memoised by hand (CommentRow) and get only stable props.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 6,
    getItemKey: (index) => shown[index]?.id ?? index,
  });
  const totalSize = virtualizer.getTotalSize();

  // Following: stay on the newest, also when a row on screen finishes measuring (totalSize).
  useLayoutEffect(() => {
    const list = listRef.current;
    if (scroll.mode !== 'following' || !list) return;
    list.scrollTop = list.scrollHeight;
  }, [scroll.mode, shown, totalSize]);

  const lastScrollTop = useRef(0);
  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    const { scrollTop, scrollHeight, clientHeight } = list;
    const movedUp = scrollTop < lastScrollTop.current - 1;
    lastScrollTop.current = scrollTop;
    if (isAtBottom(scrollTop, scrollHeight, clientHeight)) {
      if (scroll.mode === 'paused' && !movedUp) resume();
    } else if (movedUp) {
      hold();
    }
  };

  // Rows get one callback for their whole life; it reads the latest state through a ref.
  const latestHold = useRef(hold);
  useLayoutEffect(() => {
    latestHold.current = hold;
  }, [hold]);
  const act = useCallback((action: PanelAction) => run(() => api.panelAction(action)), [api, run]);
  const onCommand = useCallback(
    (command: CommentCommand, comment: PanelComment) => {
      switch (command) {
        case 'select':
          latestHold.current();
          setSelectedId(comment.id);
          return;
        case 'pin':
          void act({ kind: 'pinComment', commentId: comment.id });
          return;
        case 'unpin':
          void act({ kind: 'unpinComment' });
          return;
        case 'hide':
          void act({ kind: 'hideComment', commentId: comment.id });
          return;
        case 'ban':
          void act({ kind: 'banViewer', viewerId: comment.viewerId });
          return;
        case 'reply':
          setReplyTo(comment);
          return;
      }
    },
    [act],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = selectedId === null ? -1 : shown.findIndex((comment) => comment.id === selectedId);
    const selected = index >= 0 ? shown[index] : undefined;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    let nextIndex: number | null = null;
    if (key === 'ArrowDown') nextIndex = index < 0 ? shown.length - 1 : Math.min(index + 1, shown.length - 1);
    else if (key === 'ArrowUp') nextIndex = index < 0 ? shown.length - 1 : Math.max(index - 1, 0);
    else if (key === 'Home') nextIndex = 0;
    else if (key === 'End') nextIndex = shown.length - 1;
    else if (key === 'Escape') {
      setSelectedId(null);
      resume();
    } else if (selected && key === 'p') onCommand(selected.id === pinned?.id ? 'unpin' : 'pin', selected);
    else if (selected && key === 'h' && !selected.hidden) onCommand('hide', selected);
    else if (selected && key === 'r') onCommand('reply', selected);
    else return;
    event.preventDefault();
    if (nextIndex !== null && nextIndex >= 0) {
      const next = shown[nextIndex];
      if (!next) return;
      hold();
      setSelectedId(next.id);
      virtualizer.scrollToIndex(nextIndex, { align: 'auto' });
    }
  };

  const selectedIndex = selectedId === null ? -1 : shown.findIndex((comment) => comment.id === selectedId);

  return (
    <div className="comments-tab">
      {pinned && (
        <section className="pinned-comment" aria-label={t('comments.pinned')}>
          <span className="tag tag-pinned">{t('comments.pinnedTag')}</span>
          <span className="comment-name">{pinned.name}</span>
          <p className="comment-text">
            <FlaggedText text={pinned.text} flags={[]} />
          </p>
          <button type="button" title={t('comments.unpinTitle')} onClick={() => void act({ kind: 'unpinComment' })}>
            {t('comments.unpin')}
          </button>
        </section>
      )}
      <div className="comment-tools">
        <div role="group" aria-label={t('comments.filters')} className="filter-buttons">
          {commentFilters.map((option) => (
            <button key={option} type="button" aria-pressed={filter === option} onClick={() => showOnly(option)}>
              {t(`comments.filter.${option}`)}
            </button>
          ))}
        </div>
        <input type="search" aria-label={t('comments.search')} placeholder={t('comments.search')} value={search} onChange={(event) => searchFor(event.target.value)} />
      </div>
      <FieldError message={failure} />
      {firstShow && comments.length === 0 && <FirstShowChecklist />}
      <div className="comment-list-frame">
        <div
          ref={listRef}
          className="comment-list"
          role="list"
          aria-label={t('comments.list')}
          aria-describedby="comment-keys"
          tabIndex={0}
          onScroll={onScroll}
          onWheel={(event) => {
            // Wheeling up over a list that fits on screen scrolls nothing: no reason to hold it.
            const list = event.currentTarget;
            if (event.deltaY < 0 && list.scrollHeight > list.clientHeight) hold();
          }}
          onKeyDown={onKeyDown}
        >
          {shown.length === 0 ? (
            <p className="empty">{comments.length === 0 ? t('comments.none') : t('comments.noMatch')}</p>
          ) : (
            <div style={{ height: totalSize, position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const comment = shown[item.index];
                if (!comment) return null;
                return (
                  <div
                    key={item.key}
                    role="listitem"
                    aria-setsize={shown.length}
                    aria-posinset={item.index + 1}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="comment-slot"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <CommentRow
                      comment={comment}
                      selected={item.index === selectedIndex}
                      pinned={comment.id === pinned?.id}
                      buyer={buyers.has(comment.viewerId)}
                      flags={flagsOf(comment)}
                      onCommand={onCommand}
                    />
                  </div>
                );
              })}
            </div>
          )}
        </div>
        {scroll.mode === 'paused' && (
          <button type="button" className="new-comments" onClick={resume} title={t('comments.newestTitle')}>
            {unseen ?? t('comments.newest')}
          </button>
        )}
      </div>
      <p id="comment-keys" className="keys-hint">
        {t('comments.keys')}
      </p>
      {replyTo && (
        <ReplyComposer
          comment={replyTo}
          quickReplies={quickReplies}
          onSend={(text) => act({ kind: 'reply', commentId: replyTo.id, text })}
          onClose={() => {
            setReplyTo(null);
            listRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
