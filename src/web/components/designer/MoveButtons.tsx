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
  return (
    <>
      <ActionIcon
        variant="subtle"
        color="gray"
        className="designer-icon-button"
        aria-label={`Move ${what} up`}
        id={idPrefix && `${idPrefix}-up`}
        disabled={firstOrDisabled}
        onClick={() => onMove(-1)}
      >
        <IconArrowUp size={16} aria-hidden="true" />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        className="designer-icon-button"
        aria-label={`Move ${what} down`}
        id={idPrefix && `${idPrefix}-down`}
        disabled={lastOrDisabled}
        onClick={() => onMove(1)}
      >
        <IconArrowDown size={16} aria-hidden="true" />
      </ActionIcon>
    </>
  );
}
