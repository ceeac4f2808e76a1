import { memo, useState } from 'react';
import type { PanelComment } from '../../../contract/schemas/panel.std';
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
  const className = ['comment', selected ? 'selected' : '', comment.hidden ? 'hidden-comment' : '', flags.length > 0 ? 'flagged' : ''].filter(Boolean).join(' ');
  return (
    <div className={className} aria-current={selected ? 'true' : undefined} onClick={(event) => {
        // A click on a row holds it for the keyboard; a click on one of its buttons only acts.
        if (!(event.target instanceof Element && event.target.closest('button'))) onCommand('select', comment);
      }}
    >
      <div className="comment-head">
        <span className="comment-name">{comment.name}</span>
        {buyer && <span className="tag tag-buyer">buyer</span>}
        {pinned && <span className="tag tag-pinned">pinned</span>}
        {comment.hidden && <span className="tag">hidden</span>}
        <time className="comment-time" dateTime={new Date(comment.at).toISOString()}>
          {timeOfDay(comment.at)}
        </time>
      </div>
      <p className="comment-text">
        <FlaggedText text={comment.text} flags={flags} />
      </p>
      {confirmingBan ? (
        <div className="comment-actions" role="group" aria-label={`Ban ${comment.name}?`}>
          <span className="confirm-text">Ban {comment.name} from this room?</span>
          <button
            type="button"
            className="danger"
            onClick={(event) => {
              event.stopPropagation();
              setConfirmingBan(false);
              onCommand('ban', comment);
            }}
          >
            Ban
          </button>
          <button
            type="button"
            autoFocus
            onClick={(event) => {
              event.stopPropagation();
              setConfirmingBan(false);
            }}
          >
            Cancel
          </button>
        </div>
      ) : (
        <div className="comment-actions">
          {pinned ? (
            <button type="button" title="Unpin (P)" onClick={() => onCommand('unpin', comment)}>
              Unpin
            </button>
          ) : (
            <button type="button" title="Pin on the stream (P)" disabled={comment.hidden} onClick={() => onCommand('pin', comment)}>
              Pin
            </button>
          )}
          <button type="button" title="Reply (R)" onClick={() => onCommand('reply', comment)}>
            Reply
          </button>
          <button type="button" title="Hide from viewers (H)" disabled={comment.hidden} onClick={() => onCommand('hide', comment)}>
            Hide
          </button>
          <button
            type="button"
            title="Ban this viewer (asks first)"
            onClick={(event) => {
              event.stopPropagation();
              setConfirmingBan(true);
            }}
          >
            Ban
          </button>
        </div>
      )}
    </div>
  );
});
