import {
  ActionIcon,
  Anchor,
  Button,
  Code,
  Group,
  Input,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { createContext, useContext, useState } from 'react';
import { TEMPLATE_LIMITS } from '../../../shared/templates/index.js';
import {
  addOption,
  followLabel,
  moveItem,
  optionValueProblem,
  relabelOption,
  setOptionValue,
  valueFollowsLabel,
  type ChoiceOption,
} from './designer-model.js';
import { MoveButtons } from './MoveButtons.js';

export type { ChoiceOption };

/** How options may change, which depends on the project's state rather than on one item. */
export type OptionsMode = {
  /** A draft: an option's value follows its label until the requester types one by hand. */
  valuesFollowLabels: boolean;
  /** A published project: options' labels and values may change although the rest is locked. */
  textsEditableWhenLocked: boolean;
};

export const OptionsModeContext = createContext<OptionsMode>({
  valuesFollowLabels: true,
  textsEditableWhenLocked: false,
});

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
 * read; the value is what their answer records. In a draft the value follows the label, so a
 * renamed option records what it now says; the value itself is an advanced field per option.
 */
export function OptionsEditor({ options, onChange, errors, disabled, label }: OptionsEditorProps) {
  const mode = useContext(OptionsModeContext);
  const textsDisabled = disabled && !mode.textsEditableWhenLocked;
  const [openValues, setOpenValues] = useState<ReadonlySet<number>>(new Set());
  const toggleValue = (index: number) =>
    setOpenValues((open) => {
      const next = new Set(open);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

  return (
    <Input.Wrapper
      label="Options"
      description={
        mode.valuesFollowLabels
          ? 'Workers see the label; the answer records the value, which follows the label until you edit it.'
          : 'Workers see the label; the answer records the value.'
      }
      error={errors.options}
      withAsterisk
    >
      <Stack gap={8} mt={6} role="list" aria-label={label}>
        {options.map((option, index) => {
          const n = index + 1;
          const valueError =
            errors[`options.${index}.value`] ?? optionValueProblem(options, index) ?? undefined;
          const follows = mode.valuesFollowLabels && valueFollowsLabel(option);
          const valueOpen = openValues.has(index) || valueError !== undefined;
          const valueId = `option-value-${label}-${index}`.replace(/\s+/g, '-');
          return (
            <Group key={index} gap={6} wrap="nowrap" align="flex-start" role="listitem">
              <Text size="xs" c="dimmed" w={18} ta="right" pt={8} aria-hidden="true">
                {n}
              </Text>
              <Stack gap={4} style={{ flex: 1 }} miw={0}>
                <TextInput
                  aria-label={`Option ${n} label`}
                  placeholder="Label"
                  value={option.label}
                  onChange={(e) =>
                    onChange(
                      relabelOption(options, index, e.currentTarget.value, mode.valuesFollowLabels),
                    )
                  }
                  error={errors[`options.${index}.label`]}
                  maxLength={TEMPLATE_LIMITS.optionLabelMax}
                  disabled={textsDisabled}
                />
                <Group gap={6} wrap="nowrap" className="option-value-line">
                  <Text size="xs" c="dimmed" truncate>
                    Records <Code>{option.value || '—'}</Code>
                    {mode.valuesFollowLabels &&
                      (follows ? ' · follows the label' : ' · set by hand')}
                  </Text>
                  {!textsDisabled && (
                    <Anchor
                      component="button"
                      type="button"
                      size="xs"
                      aria-expanded={valueOpen}
                      aria-controls={valueId}
                      onClick={() => toggleValue(index)}
                    >
                      {valueOpen ? 'Hide value' : 'Edit value'}
                      <span className="visually-hidden"> of option {n}</span>
                    </Anchor>
                  )}
                  {!textsDisabled && mode.valuesFollowLabels && !follows && (
                    <Anchor
                      component="button"
                      type="button"
                      size="xs"
                      onClick={() => onChange(followLabel(options, index))}
                    >
                      Follow the label
                      <span className="visually-hidden"> for option {n}</span>
                    </Anchor>
                  )}
                </Group>
                {valueOpen && !textsDisabled && (
                  <TextInput
                    id={valueId}
                    size="xs"
                    aria-label={`Option ${n} value`}
                    placeholder="value"
                    value={option.value}
                    onChange={(e) =>
                      onChange(setOptionValue(options, index, e.currentTarget.value))
                    }
                    error={valueError}
                    maxLength={TEMPLATE_LIMITS.optionValueMax}
                    classNames={{ input: 'mono-input' }}
                  />
                )}
              </Stack>
              <Group gap={2} wrap="nowrap" pt={4}>
                <MoveButtons
                  what={`option ${n}`}
                  firstOrDisabled={disabled || index === 0}
                  lastOrDisabled={disabled || index === options.length - 1}
                  onMove={(delta) => onChange(moveItem(options, index, delta))}
                />
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
        onClick={() => onChange(addOption(options))}
        disabled={disabled || options.length >= TEMPLATE_LIMITS.optionsMax}
      >
        Add option
      </Button>
    </Input.Wrapper>
  );
}
