import { ActionIcon } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';

/** "Move up" and "Move down" for one entry of an ordered list in the designer. */
export function MoveButtons({
  what,
  idPrefix,
  firstOrDisabled,
  lastOrDisabled,
  onMove,
}: {
  /** Named in the buttons' labels, e.g. "option 2" or "“Sentiment”". */
  what: string;
  /** Gives the buttons ids (`<prefix>-up`, `<prefix>-down`) so focus can follow a move. */
  idPrefix?: string;
  firstOrDisabled: boolean;
  lastOrDisabled: boolean;
  onMove: (delta: -1 | 1) => void;
}) {
  const button = (
    direction: 'up' | 'down',
    delta: -1 | 1,
    Icon: typeof IconArrowUp,
    disabled: boolean,
  ) => (
    <ActionIcon
      variant="subtle"
      color="gray"
      className="designer-icon-button"
      aria-label={`Move ${what} ${direction}`}
      id={idPrefix && `${idPrefix}-${direction}`}
      disabled={disabled}
      onClick={() => onMove(delta)}
    >
      <Icon size={16} aria-hidden="true" />
    </ActionIcon>
  );
  return (
    <>
      {button('up', -1, IconArrowUp, firstOrDisabled)}
      {button('down', 1, IconArrowDown, lastOrDisabled)}
    </>
  );
}
