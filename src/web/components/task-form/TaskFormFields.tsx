import {
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { FilledFormItem } from '../../../shared/templates/index.js';
import { TEMPLATE_LIMITS } from '../../../shared/templates/index.js';

export type AnswerFormItem = Extract<
  FilledFormItem,
  {
    type:
      'text' | 'textarea' | 'number' | 'single_choice' | 'multiple_choice' | 'dropdown' | 'rating';
  }
>;

type FieldProps<T extends AnswerFormItem = AnswerFormItem> = {
  item: T;
  value: unknown;
  onChange: (value: unknown) => void;
  error: string | undefined;
  readOnly: boolean;
};

/** What every answer field shares: its label (or its name, so it is never unlabelled), help, error. */
function wrapperProps(item: AnswerFormItem, error: string | undefined) {
  return {
    label: item.label || undefined,
    'aria-label': item.label ? undefined : item.name,
    description: item.help,
    error,
    withAsterisk: item.required,
  };
}

const asText = (value: unknown) => (typeof value === 'string' ? value : '');
const asList = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

type Of<T extends AnswerFormItem['type']> = Extract<AnswerFormItem, { type: T }>;

function TextField({
  item,
  value,
  onChange,
  error,
  readOnly,
}: FieldProps<Of<'text' | 'textarea'>>) {
  const common = {
    ...wrapperProps(item, error),
    value: asText(value),
    onChange: (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value),
    placeholder: item.placeholder,
    readOnly,
    'aria-required': item.required,
  };
  if (item.type === 'text') {
    return <TextInput {...common} maxLength={item.maxLength ?? TEMPLATE_LIMITS.textAnswerMax} />;
  }
  return (
    <Textarea
      {...common}
      autosize
      minRows={item.rows ?? 4}
      maxRows={TEMPLATE_LIMITS.textareaRowsMax}
      maxLength={item.maxLength ?? TEMPLATE_LIMITS.textareaAnswerMax}
    />
  );
}

function NumberField({ item, value, onChange, error, readOnly }: FieldProps<Of<'number'>>) {
  return (
    <NumberInput
      {...wrapperProps(item, error)}
      value={typeof value === 'number' ? value : ''}
      onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
      min={item.min}
      max={item.max}
      step={item.step}
      clampBehavior="none"
      readOnly={readOnly}
      aria-required={item.required}
      maw={280}
    />
  );
}

function ChoiceField({
  item,
  value,
  onChange,
  error,
  readOnly,
}: FieldProps<Of<'single_choice' | 'multiple_choice' | 'dropdown'>>) {
  switch (item.type) {
    case 'single_choice':
      return (
        <Radio.Group
          {...wrapperProps(item, error)}
          value={asText(value) || null}
          onChange={onChange}
          readOnly={readOnly}
        >
          <Stack gap={10} mt="xs">
            {item.options.map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiple_choice':
      return (
        <Checkbox.Group
          {...wrapperProps(item, error)}
          value={asList(value)}
          onChange={onChange}
          readOnly={readOnly}
        >
          <Stack gap={10} mt="xs">
            {item.options.map((option) => (
              <Checkbox key={option.value} value={option.value} label={option.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'dropdown':
      return (
        <NativeSelect
          {...wrapperProps(item, error)}
          value={asText(value)}
          onChange={(event) => onChange(event.currentTarget.value || undefined)}
          disabled={readOnly}
          aria-required={item.required}
          maw={420}
          data={[
            { value: '', label: 'Choose…' },
            ...item.options.map((o) => ({ value: o.value, label: o.label })),
          ]}
        />
      );
  }
}

function RatingField({ item, value, onChange, error, readOnly }: FieldProps<Of<'rating'>>) {
  const scale = Array.from({ length: item.max }, (_, i) => String(i + 1));
  return (
    <Radio.Group
      {...wrapperProps(item, error)}
      value={typeof value === 'number' ? String(value) : null}
      onChange={(next) => onChange(Number(next))}
      readOnly={readOnly}
    >
      <Group gap="md" mt="xs" align="center" wrap="wrap">
        {item.minLabel && (
          <Text size="sm" c="dimmed">
            {item.minLabel}
          </Text>
        )}
        {scale.map((point) => (
          <Radio key={point} value={point} label={point} />
        ))}
        {item.maxLabel && (
          <Text size="sm" c="dimmed">
            {item.maxLabel}
          </Text>
        )}
      </Group>
    </Radio.Group>
  );
}

/** One question, as the input that fits its type. */
export function AnswerField({ item, ...rest }: FieldProps) {
  switch (item.type) {
    case 'text':
    case 'textarea':
      return <TextField item={item} {...rest} />;
    case 'number':
      return <NumberField item={item} {...rest} />;
    case 'single_choice':
    case 'multiple_choice':
    case 'dropdown':
      return <ChoiceField item={item} {...rest} />;
    case 'rating':
      return <RatingField item={item} {...rest} />;
  }
}
