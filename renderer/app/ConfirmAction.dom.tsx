import { useEffect, useRef } from 'react';
import { useT } from './i18n/studioI18n.dom';

/**
 * An inline "Revoke Lin?" in place of a row: the verb is on the button, so a stray click does
 * nothing and there is no modal. `label` names the group when the question is longer than its name.
 */
export function ConfirmAction({
  question,
  label = question,
  verb,
  onConfirm,
  onCancel,
}: {
  question: string;
  label?: string;
  verb: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="confirm-remove"
      role="group"
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <span className="confirm-text">{question}</span>
      <button type="button" className="danger" onClick={onConfirm}>
        {verb}
      </button>
      <button type="button" ref={cancel} onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
