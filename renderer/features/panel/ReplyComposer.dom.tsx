import { useEffect, useRef, useState } from 'react';
import type { PanelComment } from '../../../contract/schemas/panel.std';
import { roomLimits } from '../../../contract/room/roomMessages.std';

interface ReplyComposerProps {
  comment: PanelComment;
  quickReplies: readonly string[];
  onSend: (text: string) => Promise<boolean>;
  onClose: () => void;
}

/** A reply to one comment: a quick reply in one click, or free text. */
export function ReplyComposer({ comment, quickReplies, onSend, onClose }: ReplyComposerProps) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), [comment.id]);

  const send = async (reply: string) => {
    if (reply.trim() === '' || sending) return;
    setSending(true);
    const sent = await onSend(reply.trim());
    setSending(false);
    if (sent) onClose();
  };

  return (
    <form
      className="reply-composer"
      aria-label={`Reply to ${comment.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void send(text);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <p className="reply-to">
        Reply to <strong>{comment.name}</strong>: <span className="quoted">{comment.text}</span>
      </p>
      {quickReplies.length > 0 && (
        <div className="quick-replies" role="group" aria-label="Quick replies">
          {quickReplies.map((reply) => (
            <button key={reply} type="button" disabled={sending} onClick={() => void send(reply)}>
              {reply}
            </button>
          ))}
        </div>
      )}
      <div className="reply-row">
        <input ref={input} aria-label="Reply text" value={text} maxLength={roomLimits.replyChars} onChange={(event) => setText(event.target.value)} placeholder="Write a reply…" />
        <button type="submit" disabled={sending || text.trim() === ''}>
          Send
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
