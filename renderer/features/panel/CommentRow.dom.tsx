import { memo, useState } from 'react';
import type { PanelComment } from '../../../contract/schemas/panel.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { FlaggedText } from './FlaggedText.dom';
import { timeOfDay } from './timeOfDay.std';
import type { FlaggedWord } from '../../../contract/text/wordFlags.std';

export type CommentCommand = 'pin' | 'unpin' | 'hide' | 'ban' | 'reply' | 'select';

interface CommentRowProps {
  comment: PanelComment;
  selected: boolean;
  pinned: boolean;
  buyer: boolean;
  flags: readonly FlaggedWord[];
  /** Stable across renders, so a row re-renders only when its own comment or state changes. */
  onCommand: (command: CommentCommand, comment: PanelComment) => void;
}

/** One comment: who, when, the text (flagged words marked) and its actions. Viewer text is only ever a text child. */
export const CommentRow = memo(function CommentRow({ comment, selected, pinned, buyer, flags, onCommand }: CommentRowProps) {
  const [confirmingBan, setConfirmingBan] = useState(false);
  const { t } = useT();
  const className = ['comment', selected ? 'selected' : '', comment.hidden ? 'hidden-comment' : '', flags.length > 0 ? 'flagged' : ''].filter(Boolean).join(' ');
  return (
    <div className={className} aria-current={selected ? 'true' : undefined} onClick={(event) => {
        // A click on a row holds it for the keyboard; a click on one of its buttons only acts.
        if (!(event.target instanceof Element && event.target.closest('button'))) onCommand('select', comment);
      }}
    >
      <div className="comment-head">
        <span className="comment-name">{comment.name}</span>
        {buyer && <span className="tag tag-buyer">{t('comment.buyer')}</span>}
        {pinned && <span className="tag tag-pinned">{t('comment.pinned')}</span>}
        {comment.hidden && <span className="tag">{t('comment.hidden')}</span>}
        <time className="comment-time" dateTime={new Date(comment.at).toISOString()}>
          {timeOfDay(comment.at)}
        </time>
      </div>
      <p className="comment-text">
        <FlaggedText text={comment.text} flags={flags} />
      </p>
      {confirmingBan ? (
        <div className="comment-actions" role="group" aria-label={t('comment.banQuestion', { name: comment.name })}>
          <span className="confirm-text">{t('comment.banConfirm', { name: comment.name })}</span>
          <button
            type="button"
            className="danger"
            onClick={(event) => {
              event.stopPropagation();
              setConfirmingBan(false);
              onCommand('ban', comment);
            }}
          >
            {t('comment.ban')}
          </button>
          <button
            type="button"
            autoFocus
            onClick={(event) => {
              event.stopPropagation();
              setConfirmingBan(false);
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <div className="comment-actions">
          {pinned ? (
            <button type="button" title={t('comment.unpinTitle')} onClick={() => onCommand('unpin', comment)}>
              {t('comments.unpin')}
            </button>
          ) : (
            <button type="button" title={t('comment.pinTitle')} disabled={comment.hidden} onClick={() => onCommand('pin', comment)}>
              {t('comment.pin')}
            </button>
          )}
          <button type="button" title={t('comment.replyTitle')} onClick={() => onCommand('reply', comment)}>
            {t('comment.reply')}
          </button>
          <button type="button" title={t('comment.hideTitle')} disabled={comment.hidden} onClick={() => onCommand('hide', comment)}>
            {t('comment.hide')}
          </button>
          <button
            type="button"
            title={t('comment.banTitle')}
            onClick={(event) => {
              event.stopPropagation();
              setConfirmingBan(true);
            }}
          >
            {t('comment.ban')}
          </button>
        </div>
      )}
    </div>
  );
});
