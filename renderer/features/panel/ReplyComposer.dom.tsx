import { useEffect, useRef, useState } from 'react';
import type { PanelComment } from '../../../contract/schemas/panel.std';
import { roomLimits } from '../../../contract/room/roomMessages.std';
import { Sentence, useT } from '../../app/i18n/studioI18n.dom';

interface ReplyComposerProps {
  comment: PanelComment;
  quickReplies: readonly string[];
  onSend: (text: string) => Promise<boolean>;
  onClose: () => void;
}

/** A reply to one comment: a quick reply in one click, or free text. */
export function ReplyComposer({ comment, quickReplies, onSend, onClose }: ReplyComposerProps) {
  const { t } = useT();
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
      aria-label={t('reply.form', { name: comment.name })}
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
        <Sentence message="reply.to" values={{ name: comment.name }} tag="who" className="reply-name" /> <span className="quoted">{comment.text}</span>
      </p>
      {quickReplies.length > 0 && (
        <div className="quick-replies" role="group" aria-label={t('reply.quick')}>
          {quickReplies.map((reply) => (
            <button key={reply} type="button" disabled={sending} onClick={() => void send(reply)}>
              {reply}
            </button>
          ))}
        </div>
      )}
      <div className="reply-row">
        <input ref={input} aria-label={t('reply.text')} value={text} maxLength={roomLimits.replyChars} onChange={(event) => setText(event.target.value)} placeholder={t('reply.placeholder')} />
        <button type="submit" disabled={sending || text.trim() === ''}>
          {t('reply.send')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
