import { useEffect, useRef } from 'react';

/** An inline "Remove …?" in place of a row: nothing is lost to a stray click, and no modal. */
export function ConfirmRemove({ name, what, onConfirm, onCancel }: { name: string; what: string; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="confirm-remove"
      role="group"
      aria-label={`Remove ${name}?`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <span className="confirm-text">
        Remove {what} “{name}”?
      </span>
      <button type="button" className="danger" onClick={onConfirm}>
        Remove
      </button>
      <button type="button" ref={cancel} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
