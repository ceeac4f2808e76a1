import { FieldError } from './FieldError.dom';
import { useT } from './i18n/studioI18n.dom';

/** A form's last lines: why it cannot be saved (or why saving failed), then Cancel and the submit button. */
export function FormFooter({ problem, submitLabel, onCancel }: { problem: string | null; submitLabel: string; onCancel: () => void }) {
  const { t } = useT();
  return (
    <>
      <FieldError message={problem} />
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit">{submitLabel}</button>
      </div>
    </>
  );
}
