import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { roomLimits } from '../../../contract/room/roomMessages.std';
import { charCount, checkComment, type CommentField, type FieldErrors } from '../forms.std';
import { loadName, saveName } from '../identity.std';
import { fieldProblemText, refusalText } from '../i18n/fieldProblem.std';
import { useT } from '../i18n/viewerI18n.dom';
import { useConnection, useStorage, useViewer } from '../viewerContext.dom';

/**
 * Name and comment; Enter sends, Shift+Enter is a new line. While sending, the fields are
 * read-only rather than disabled, so a phone keeps its keyboard open for the next comment.
 */
export function CommentForm() {
  const translator = useT();
  const { t } = translator;
  const connection = useConnection();
  const storage = useStorage();
  const banned = useViewer((state) => state.banned);
  const id = useId();
  const [name, setName] = useState(() => loadName(storage));
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors<CommentField>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  if (banned) {
    return <p className="comment-form comment-form-banned">{t('comment.blocked')}</p>;
  }

  const send = async () => {
    if (sending) return;
    const checked = checkComment({ name, text });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setRefusal(null);
    setSending(true);
    const { type: _type, ...comment } = checked.message;
    try {
      const ack = await connection.sendComment(comment);
      if (ack.ok) {
        saveName(storage, comment.name);
        setText('');
      } else {
        // The comment stays in the box: nothing typed is lost to a refusal.
        setRefusal(refusalText(ack.code, ack.message, translator));
      }
    } finally {
      setSending(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const count = charCount(text);
  const over = count > roomLimits.commentChars;
  const error = fieldProblemText('text', errors.text, translator) ?? fieldProblemText('name', errors.name, translator) ?? refusal;

  return (
    <form className="comment-form" onSubmit={onSubmit} noValidate aria-label={t('comment.form')}>
      <div className="comment-inputs">
        <input
          id={`${id}-name`}
          className={errors.name ? 'comment-name-input invalid' : 'comment-name-input'}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('comment.namePlaceholder')}
          aria-label={t('comment.nameLabel')}
          aria-invalid={errors.name !== undefined}
          autoComplete="nickname"
          maxLength={roomLimits.nameChars * 2}
          dir="auto"
          readOnly={sending}
        />
        <textarea
          id={`${id}-text`}
          className={errors.text ? 'comment-text-input invalid' : 'comment-text-input'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('comment.placeholder')}
          aria-label={t('comment.label')}
          aria-invalid={errors.text !== undefined}
          rows={1}
          dir="auto"
          readOnly={sending}
        />
        <button type="submit" className="primary send" disabled={sending}>
          {sending ? '…' : t('comment.send')}
        </button>
      </div>
      <div className="comment-meta">
        {error ? (
          <span className="field-error" role="alert">
            {error}
          </span>
        ) : (
          <span />
        )}
        <span className={over ? 'counter counter-over' : 'counter'} aria-live="polite">
          {count}/{roomLimits.commentChars}
        </span>
      </div>
    </form>
  );
}
