import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Collapse,
  Group,
  Menu,
  Paper,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronDown, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { FormItem, FormItemType } from '../../../shared/templates/index.js';
import { FORM_ITEM_TYPES } from '../../../shared/templates/index.js';
import {
  ITEM_TYPE_HINTS,
  ITEM_TYPE_LABELS,
  itemTitle,
  MAX_ITEMS,
  moveItem,
} from './designer-model.js';
import { ItemTypeIcon } from './item-icons.js';
import { ItemSettings } from './ItemSettings.js';
import { MoveButtons } from './MoveButtons.js';

/** An item with an id that survives renames and moves, so focus and open panels follow it. */
export type ItemRow = { id: string; item: FormItem };

type FormItemsEditorProps = {
  rows: readonly ItemRow[];
  onChange: (rows: ItemRow[]) => void;
  onAdd: (type: FormItemType) => void;
  /** Problems by item index, then field. */
  errors: Readonly<Record<number, Readonly<Record<string, string>>>>;
  disabled: boolean;
  /** The row to open, e.g. one just added. */
  openId: string | null;
  onOpen: (id: string | null) => void;
};

export function AddItemMenu({
  onAdd,
  disabled,
  variant = 'light',
}: {
  onAdd: (type: FormItemType) => void;
  disabled: boolean;
  variant?: 'light' | 'filled';
}) {
  return (
    <Menu position="bottom-start" width={280} shadow="md">
      <Menu.Target>
        <Button
          variant={variant}
          leftSection={<IconPlus size={16} aria-hidden="true" />}
          disabled={disabled}
        >
          Add item
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={420} style={{ overflowY: 'auto' }}>
        {FORM_ITEM_TYPES.map((type) => (
          <Menu.Item
            key={type}
            leftSection={<ItemTypeIcon type={type} size={18} />}
            onClick={() => onAdd(type)}
          >
            <Text size="sm" fw={500}>
              {ITEM_TYPE_LABELS[type]}
            </Text>
            <Text size="xs" c="dimmed">
              {ITEM_TYPE_HINTS[type]}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

type ItemCardProps = {
  row: ItemRow;
  index: number;
  count: number;
  open: boolean;
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
  onToggle: () => void;
  onChange: (item: FormItem) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
};

function ItemCard(props: ItemCardProps) {
  const { row, index, count, open, errors, disabled } = props;
  const { item } = row;
  const problems = Object.keys(errors).length;
  const panelId = `${row.id}-settings`;
  const title = itemTitle(item);
  return (
    <Paper
      withBorder
      radius="md"
      className="designer-item"
      data-invalid={problems > 0 || undefined}
      data-open={open || undefined}
    >
      <Group gap="xs" wrap="nowrap" pl="sm" pr={6} py={6}>
        <UnstyledButton
          onClick={props.onToggle}
          aria-expanded={open}
          aria-controls={panelId}
          className="designer-item-toggle"
          id={`${row.id}-toggle`}
        >
          <Group gap="sm" wrap="nowrap">
            <Box c="tessera.7" className="designer-item-icon">
              <ItemTypeIcon type={item.type} size={18} />
            </Box>
            <Box miw={0} style={{ flex: 1 }}>
              <Text size="sm" fw={600} truncate>
                {title}
              </Text>
              <Group gap={6} wrap="nowrap">
                <Text size="xs" c="dimmed">
                  {ITEM_TYPE_LABELS[item.type]}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace" truncate>
                  · {item.name}
                </Text>
                {'required' in item && item.required && (
                  <Text size="xs" c="dimmed">
                    · required
                  </Text>
                )}
              </Group>
            </Box>
            {problems > 0 && (
              <Badge color="red" variant="light" size="sm">
                {problems === 1 ? '1 problem' : `${problems} problems`}
              </Badge>
            )}
            <IconChevronDown size={16} aria-hidden="true" className="designer-item-chevron" />
          </Group>
        </UnstyledButton>
        <Group gap={2} wrap="nowrap">
          <MoveButtons
            what={`“${title}”`}
            idPrefix={row.id}
            firstOrDisabled={disabled || index === 0}
            lastOrDisabled={disabled || index === count - 1}
            onMove={props.onMove}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Delete “${title}”`}
            disabled={disabled}
            onClick={props.onRemove}
          >
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        </Group>
      </Group>
      <Collapse expanded={open}>
        <Box id={panelId} px="md" pb="md" pt="xs" className="designer-item-panel">
          {open && (
            <ItemSettings
              item={item}
              onChange={props.onChange}
              errors={errors}
              disabled={disabled}
            />
          )}
        </Box>
      </Collapse>
    </Paper>
  );
}

const NO_ERRORS: Readonly<Record<string, string>> = {};

/** The form's items in order: open one to edit it; move, add and delete with buttons. */
export function FormItemsEditor(props: FormItemsEditorProps) {
  const { rows, onChange, errors, disabled, openId, onOpen } = props;
  const [announcement, setAnnouncement] = useState('');
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);

  // A moved item's button keeps the keyboard focus, so it can be moved again at once.
  useEffect(() => {
    if (!focusAfterMove) return;
    const [id, direction] = focusAfterMove.split('|');
    const wanted = document.getElementById(`${id}-${direction}`);
    const other = document.getElementById(`${id}-${direction === 'up' ? 'down' : 'up'}`);
    const wantedEnabled = wanted instanceof HTMLButtonElement && !wanted.disabled;
    (wantedEnabled ? wanted : other)?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove]);

  const move = (index: number, delta: number) => {
    const row = rows[index];
    if (!row) return;
    onChange(moveItem(rows, index, delta));
    setFocusAfterMove(`${row.id}|${delta < 0 ? 'up' : 'down'}`);
    setAnnouncement(
      `Moved “${itemTitle(row.item)}” to position ${index + delta + 1} of ${rows.length}.`,
    );
  };

  const remove = (index: number) => {
    const row = rows[index];
    if (!row) return;
    onChange(rows.filter((_, i) => i !== index));
    setAnnouncement(`Deleted “${itemTitle(row.item)}”.`);
  };

  return (
    <Stack gap="sm">
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <Stack gap={8} role="list" aria-label="Form items">
        {rows.map((row, index) => (
          <div role="listitem" key={row.id}>
            <ItemCard
              row={row}
              index={index}
              count={rows.length}
              open={openId === row.id}
              errors={errors[index] ?? NO_ERRORS}
              disabled={disabled}
              onToggle={() => onOpen(openId === row.id ? null : row.id)}
              onChange={(item) => onChange(rows.map((r) => (r.id === row.id ? { ...r, item } : r)))}
              onMove={(delta) => move(index, delta)}
              onRemove={() => remove(index)}
            />
          </div>
        ))}
      </Stack>
      <Group>
        <AddItemMenu onAdd={props.onAdd} disabled={disabled || rows.length >= MAX_ITEMS} />
      </Group>
    </Stack>
  );
}
