import { ActionIcon, Button, Group, Input, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { TEMPLATE_LIMITS } from '../../../shared/templates/index.js';
import { moveItem, uniqueItemName } from './designer-model.js';

export type ChoiceOption = { value: string; label: string };

type OptionsEditorProps = {
  options: readonly ChoiceOption[];
  onChange: (options: ChoiceOption[]) => void;
  /** The item's problems, keyed like `options` or `options.2.value`. */
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
  /** Names the list for screen readers, e.g. "Options of Sentiment". */
  label: string;
};

/**
 * The choices of a single choice, multiple choice or dropdown item. The label is what workers
 * read; the value is what their answer records, so it stays stable when a label is reworded.
 */
export function OptionsEditor({ options, onChange, errors, disabled, label }: OptionsEditorProps) {
  const update = (index: number, patch: Partial<ChoiceOption>) =>
    onChange(options.map((o, i) => (i === index ? { ...o, ...patch } : o)));
  const add = () => {
    const value = uniqueItemName(
      'option',
      options.map((o) => o.value),
    );
    onChange([...options, { value, label: `Option ${options.length + 1}` }]);
  };

  return (
    <Input.Wrapper
      label="Options"
      description="Workers see the label; the answer records the value."
      error={errors.options}
      withAsterisk
    >
      <Stack gap={6} mt={6} role="list" aria-label={label}>
        {options.map((option, index) => {
          const n = index + 1;
          return (
            <Group key={index} gap={6} wrap="nowrap" align="flex-start" role="listitem">
              <Text size="xs" c="dimmed" w={18} ta="right" pt={8} aria-hidden="true">
                {n}
              </Text>
              <TextInput
                aria-label={`Option ${n} label`}
                placeholder="Label"
                value={option.label}
                onChange={(e) => update(index, { label: e.currentTarget.value })}
                error={errors[`options.${index}.label`]}
                maxLength={TEMPLATE_LIMITS.optionLabelMax}
                disabled={disabled}
                style={{ flex: 2 }}
              />
              <TextInput
                aria-label={`Option ${n} value`}
                placeholder="value"
                value={option.value}
                onChange={(e) => update(index, { value: e.currentTarget.value })}
                error={errors[`options.${index}.value`]}
                maxLength={TEMPLATE_LIMITS.optionValueMax}
                disabled={disabled}
                classNames={{ input: 'mono-input' }}
                style={{ flex: 1 }}
              />
              <Group gap={2} wrap="nowrap" pt={4}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  className="designer-icon-button"
                  aria-label={`Move option ${n} up`}
                  disabled={disabled || index === 0}
                  onClick={() => onChange(moveItem(options, index, -1))}
                >
                  <IconArrowUp size={16} aria-hidden="true" />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  className="designer-icon-button"
                  aria-label={`Move option ${n} down`}
                  disabled={disabled || index === options.length - 1}
                  onClick={() => onChange(moveItem(options, index, 1))}
                >
                  <IconArrowDown size={16} aria-hidden="true" />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  className="designer-icon-button"
                  aria-label={`Remove option ${n}`}
                  disabled={disabled || options.length <= 1}
                  onClick={() => onChange(options.filter((_, i) => i !== index))}
                >
                  <IconTrash size={16} aria-hidden="true" />
                </ActionIcon>
              </Group>
            </Group>
          );
        })}
      </Stack>
      <Button
        variant="subtle"
        size="xs"
        mt="xs"
        leftSection={<IconPlus size={14} aria-hidden="true" />}
        onClick={add}
        disabled={disabled || options.length >= TEMPLATE_LIMITS.optionsMax}
      >
        Add option
      </Button>
    </Input.Wrapper>
  );
}
