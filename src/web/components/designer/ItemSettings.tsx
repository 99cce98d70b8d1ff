import { NumberInput, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import type { AnswerItem, FormItem } from '../../../shared/templates/index.js';
import { isAnswerItem, TEMPLATE_LIMITS as L } from '../../../shared/templates/index.js';
import { OptionsEditor } from './OptionsEditor.js';

type Errors = Readonly<Record<string, string>>;
type Props<T extends FormItem = FormItem> = {
  item: T;
  onChange: (item: FormItem) => void;
  errors: Errors;
  disabled: boolean;
};
type Of<K extends FormItem['type']> = Extract<FormItem, { type: K }>;

/** An empty number field means "no limit": the key is then left out of the item. */
const optionalNumber = (value: string | number) => (typeof value === 'number' ? value : undefined);
const optionalText = (value: string) => (value === '' ? undefined : value);
const PLACEHOLDER_HINT = 'May hold {{column}} placeholders.';

function CommonFields({ item, onChange, errors, disabled }: Props) {
  const display = !isAnswerItem(item);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={display ? 'Caption' : 'Question'}
          description={display ? 'Optional, shown above it.' : PLACEHOLDER_HINT}
          value={item.label}
          onChange={(e) => onChange({ ...item, label: e.currentTarget.value })}
          error={errors.label}
          maxLength={L.labelMax}
          disabled={disabled}
        />
        <TextInput
          label="Name"
          description={display ? 'Identifies the item.' : 'The answer is saved under this name.'}
          value={item.name}
          onChange={(e) => onChange({ ...item, name: e.currentTarget.value.trim() })}
          error={errors.name}
          maxLength={L.nameMax}
          disabled={disabled}
          classNames={{ input: 'mono-input' }}
          withAsterisk
        />
      </SimpleGrid>
      <TextInput
        label="Help text"
        description="Optional hint shown under the caption."
        value={item.help ?? ''}
        onChange={(e) => onChange({ ...item, help: optionalText(e.currentTarget.value) })}
        error={errors.help}
        maxLength={L.helpMax}
        disabled={disabled}
      />
    </>
  );
}

function RequiredSwitch({ item, onChange, disabled }: Props<AnswerItem>) {
  return (
    <Switch
      label="Answer required"
      checked={item.required}
      onChange={(e) => onChange({ ...item, required: e.currentTarget.checked })}
      disabled={disabled}
    />
  );
}

function TextSettings({ item, onChange, errors, disabled }: Props<Of<'text' | 'textarea'>>) {
  const max = item.type === 'text' ? L.textAnswerMax : L.textareaAnswerMax;
  return (
    <>
      <TextInput
        label="Placeholder"
        description="Faint example text inside the empty box."
        value={item.placeholder ?? ''}
        onChange={(e) => onChange({ ...item, placeholder: optionalText(e.currentTarget.value) })}
        error={errors.placeholder}
        maxLength={L.placeholderMax}
        disabled={disabled}
      />
      <SimpleGrid cols={{ base: 1, sm: item.type === 'textarea' ? 3 : 2 }} spacing="sm">
        <NumberInput
          label="Minimum length"
          value={item.minLength ?? ''}
          onChange={(v) => onChange({ ...item, minLength: optionalNumber(v) })}
          error={errors.minLength}
          min={0}
          max={max}
          allowDecimal={false}
          allowNegative={false}
          disabled={disabled}
        />
        <NumberInput
          label="Maximum length"
          value={item.maxLength ?? ''}
          onChange={(v) => onChange({ ...item, maxLength: optionalNumber(v) })}
          error={errors.maxLength}
          min={1}
          max={max}
          allowDecimal={false}
          allowNegative={false}
          placeholder={String(max)}
          disabled={disabled}
        />
        {item.type === 'textarea' && (
          <NumberInput
            label="Visible rows"
            value={item.rows ?? ''}
            onChange={(v) => onChange({ ...item, rows: optionalNumber(v) })}
            error={errors.rows}
            min={2}
            max={L.textareaRowsMax}
            allowDecimal={false}
            placeholder="4"
            disabled={disabled}
          />
        )}
      </SimpleGrid>
      {item.type === 'text' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Pattern"
            description="A regular expression the whole answer must match."
            placeholder="[A-Z]{2}-\d{3}"
            value={item.pattern ?? ''}
            onChange={(e) => onChange({ ...item, pattern: optionalText(e.currentTarget.value) })}
            error={errors.pattern}
            maxLength={L.patternMax}
            classNames={{ input: 'mono-input' }}
            disabled={disabled}
          />
          <TextInput
            label="Pattern message"
            description="Shown when an answer does not match."
            placeholder="Use the form AB-123"
            value={item.patternMessage ?? ''}
            onChange={(e) =>
              onChange({ ...item, patternMessage: optionalText(e.currentTarget.value) })
            }
            error={errors.patternMessage}
            maxLength={L.labelMax}
            disabled={disabled}
          />
        </SimpleGrid>
      )}
    </>
  );
}

function NumberSettings({ item, onChange, errors, disabled }: Props<Of<'number'>>) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <NumberInput
        label="Minimum"
        value={item.min ?? ''}
        onChange={(v) => onChange({ ...item, min: optionalNumber(v) })}
        error={errors.min}
        disabled={disabled}
      />
      <NumberInput
        label="Maximum"
        value={item.max ?? ''}
        onChange={(v) => onChange({ ...item, max: optionalNumber(v) })}
        error={errors.max}
        disabled={disabled}
      />
      <NumberInput
        label="Step"
        description="e.g. 1 for whole numbers"
        value={item.step ?? ''}
        onChange={(v) => onChange({ ...item, step: optionalNumber(v) })}
        error={errors.step}
        min={0}
        disabled={disabled}
      />
    </SimpleGrid>
  );
}

function ChoiceSettings({
  item,
  onChange,
  errors,
  disabled,
}: Props<Of<'single_choice' | 'multiple_choice' | 'dropdown'>>) {
  return (
    <>
      <OptionsEditor
        options={item.options}
        onChange={(options) => onChange({ ...item, options })}
        errors={errors}
        disabled={disabled}
        label={`Options of ${item.label || item.name}`}
      />
      {item.type === 'multiple_choice' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NumberInput
            label="Choose at least"
            value={item.minSelected ?? ''}
            onChange={(v) => onChange({ ...item, minSelected: optionalNumber(v) })}
            error={errors.minSelected}
            min={0}
            allowDecimal={false}
            disabled={disabled}
          />
          <NumberInput
            label="Choose at most"
            value={item.maxSelected ?? ''}
            onChange={(v) => onChange({ ...item, maxSelected: optionalNumber(v) })}
            error={errors.maxSelected}
            min={1}
            allowDecimal={false}
            disabled={disabled}
          />
        </SimpleGrid>
      )}
    </>
  );
}

function RatingSettings({ item, onChange, errors, disabled }: Props<Of<'rating'>>) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <NumberInput
        label="Points on the scale"
        value={item.max}
        onChange={(v) => onChange({ ...item, max: typeof v === 'number' ? v : L.ratingScaleMin })}
        error={errors.max}
        min={L.ratingScaleMin}
        max={L.ratingScaleMax}
        allowDecimal={false}
        disabled={disabled}
      />
      <TextInput
        label="Label of 1"
        value={item.minLabel ?? ''}
        onChange={(e) => onChange({ ...item, minLabel: optionalText(e.currentTarget.value) })}
        error={errors.minLabel}
        maxLength={L.optionLabelMax}
        disabled={disabled}
      />
      <TextInput
        label={`Label of ${item.max}`}
        value={item.maxLabel ?? ''}
        onChange={(e) => onChange({ ...item, maxLabel: optionalText(e.currentTarget.value) })}
        error={errors.maxLabel}
        maxLength={L.optionLabelMax}
        disabled={disabled}
      />
    </SimpleGrid>
  );
}

function MediaSettings({
  item,
  onChange,
  errors,
  disabled,
}: Props<Of<'image' | 'audio' | 'video' | 'link'>>) {
  return (
    <>
      <TextInput
        label="Address (URL)"
        description="An http(s) address, or a {{column}} placeholder the task data fills in."
        placeholder="{{image_url}}"
        value={item.url}
        onChange={(e) => onChange({ ...item, url: e.currentTarget.value })}
        error={errors.url}
        maxLength={L.urlMax}
        classNames={{ input: 'mono-input' }}
        withAsterisk
        disabled={disabled}
      />
      {item.type === 'image' && (
        <TextInput
          label="Alternative text"
          description="Describes the image for people who cannot see it."
          value={item.alt ?? ''}
          onChange={(e) => onChange({ ...item, alt: optionalText(e.currentTarget.value) })}
          error={errors.alt}
          maxLength={L.labelMax}
          disabled={disabled}
        />
      )}
      {item.type === 'link' && (
        <TextInput
          label="Link text"
          description="The address itself is shown when this is empty."
          value={item.text ?? ''}
          onChange={(e) => onChange({ ...item, text: optionalText(e.currentTarget.value) })}
          error={errors.text}
          maxLength={L.labelMax}
          disabled={disabled}
        />
      )}
    </>
  );
}

function TypeSettings({ item, ...rest }: Props) {
  switch (item.type) {
    case 'instructions':
      return (
        <Textarea
          label="Text (Markdown)"
          description="**bold**, _italic_, lists, [links](https://…) and {{column}} placeholders."
          value={item.text}
          onChange={(e) => rest.onChange({ ...item, text: e.currentTarget.value })}
          error={rest.errors.text}
          maxLength={L.markdownMax}
          autosize
          minRows={4}
          maxRows={16}
          classNames={{ input: 'mono-input' }}
          withAsterisk
          disabled={rest.disabled}
        />
      );
    case 'text':
    case 'textarea':
      return <TextSettings item={item} {...rest} />;
    case 'number':
      return <NumberSettings item={item} {...rest} />;
    case 'single_choice':
    case 'multiple_choice':
    case 'dropdown':
      return <ChoiceSettings item={item} {...rest} />;
    case 'rating':
      return <RatingSettings item={item} {...rest} />;
    case 'image':
    case 'audio':
    case 'video':
    case 'link':
      return <MediaSettings item={item} {...rest} />;
  }
}

/** Every setting of one form item, laid out for editing. */
export function ItemSettings(props: Props) {
  const { item } = props;
  return (
    <Stack gap="sm">
      <CommonFields {...props} />
      <TypeSettings {...props} />
      {isAnswerItem(item) && <RequiredSwitch {...props} item={item} />}
    </Stack>
  );
}
