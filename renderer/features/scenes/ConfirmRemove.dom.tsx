import { ConfirmAction } from '../../app/ConfirmAction.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

/** An inline "Remove …?" in place of a row: nothing is lost to a stray click, and no modal. */
export function ConfirmRemove({ name, what, onConfirm, onCancel }: { name: string; what: 'scene' | 'source' | 'destination' | 'product'; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useT();
  return <ConfirmAction question={t('confirm.remove', { what, name })} label={t('confirm.removeLabel', { name })} verb={t('common.remove')} onConfirm={onConfirm} onCancel={onCancel} />;
}
