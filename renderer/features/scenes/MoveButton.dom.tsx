/**
 * "Move … up / down" for a row of a list. `data-focus` lets the list put focus back on the same
 * button after the row has moved (see useFocusLater).
 */
export function MoveButton(props: { itemId: string; itemName: string; direction: 'up' | 'down'; title: string; disabled: boolean; onClick: () => void }) {
  const { itemId, itemName, direction, title, disabled, onClick } = props;
  return (
    <button
      type="button"
      className="icon-button"
      data-focus={`${itemId}:${direction}`}
      aria-label={`Move ${itemName} ${direction}`}
      title={title}
      disabled={disabled}
      onClick={onClick}
    >
      {direction === 'up' ? '↑' : '↓'}
    </button>
  );
}
