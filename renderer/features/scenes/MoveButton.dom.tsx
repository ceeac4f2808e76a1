import { useT } from '../../app/i18n/studioI18n.dom';

/**
 * "Move … up / down" for a row of a list. `data-focus` lets the list put focus back on the same
 * button after the row has moved (see useFocusLater).
 */
export function MoveButton(props: { itemId: string; itemName: string; direction: 'up' | 'down'; title: string; disabled: boolean; onClick: () => void }) {
  const { itemId, itemName, direction, title, disabled, onClick } = props;
  const { t } = useT();
  return (
    <button
      type="button"
      className="icon-button"
      data-focus={`${itemId}:${direction}`}
      aria-label={t('move.label', { direction, name: itemName })}
      title={title}
      disabled={disabled}
      onClick={onClick}
    >
      {direction === 'up' ? '↑' : '↓'}
    </button>
  );
}
