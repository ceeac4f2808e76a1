import { ConfirmAction } from '../../app/ConfirmAction.dom';

/** An inline "Remove …?" in place of a row: nothing is lost to a stray click, and no modal. */
export function ConfirmRemove({ name, what, onConfirm, onCancel }: { name: string; what: string; onConfirm: () => void; onCancel: () => void }) {
  return <ConfirmAction question={`Remove ${what} “${name}”?`} label={`Remove ${name}?`} verb="Remove" onConfirm={onConfirm} onCancel={onCancel} />;
}
