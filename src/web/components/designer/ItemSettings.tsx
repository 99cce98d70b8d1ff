import { NumberInput, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import type { ChangeEvent } from 'react';
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

/**
 * The keys of an optional setting of type V, in any of the item types T stands for (a setting
 * of one type only, e.g. a textarea's rows, is bound where the item is known to be of it).
 */
type OptionalKey<T, V> = T extends unknown
  ? {
      [K in keyof T]-?: undefined extends T[K] ? (NonNullable<T[K]> extends V ? K : never) : never;
    }[keyof T] &
      string
  : never;

/**
 * An input's value, change, error and disabled state for one optional setting of the item, as
 * Mantine's getInputProps would give them: an emptied input leaves the setting out.
 */
function optionalSetting<T extends FormItem>({ item, onChange, errors, disabled }: Props<T>) {
  // Holds for the keys text() and number() accept: OptionalKey admits only a string or number setting.
  const read = (key: keyof T) => item[key] as string | number | undefined;
  return {
    text: (key: OptionalKey<T, string>) => ({
      value: read(key) ?? '',
      onChange: (e: ChangeEvent<HTMLInputElement>) =>
        onChange({ ...item, [key]: optionalText(e.currentTarget.value) }),
      error: errors[key],
      disabled,
    }),
    number: (key: OptionalKey<T, number>) => ({
      value: read(key) ?? '',
      onChange: (v: string | number) => onChange({ ...item, [key]: optionalNumber(v) }),
      error: errors[key],
      disabled,
    }),
  };
}

function CommonFields(props: Props) {
  const { item, onChange, errors, disabled } = props;
  const setting = optionalSetting(props);
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
        {...setting.text('help')}
        maxLength={L.helpMax}
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

function TextSettings(props: Props<Of<'text' | 'textarea'>>) {
  const { item } = props;
  const setting = optionalSetting(props);
  const max = item.type === 'text' ? L.textAnswerMax : L.textareaAnswerMax;
  return (
    <>
      <TextInput
        label="Placeholder"
        description="Faint example text inside the empty box."
        {...setting.text('placeholder')}
        maxLength={L.placeholderMax}
      />
      <SimpleGrid cols={{ base: 1, sm: item.type === 'textarea' ? 3 : 2 }} spacing="sm">
        <NumberInput
          label="Minimum length"
          {...setting.number('minLength')}
          min={0}
          max={max}
          allowDecimal={false}
          allowNegative={false}
        />
        <NumberInput
          label="Maximum length"
          {...setting.number('maxLength')}
          min={1}
          max={max}
          allowDecimal={false}
          allowNegative={false}
          placeholder={String(max)}
        />
        {item.type === 'textarea' && (
          <NumberInput
            label="Visible rows"
            {...setting.number('rows')}
            min={2}
            max={L.textareaRowsMax}
            allowDecimal={false}
            placeholder="4"
          />
        )}
      </SimpleGrid>
      {item.type === 'text' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Pattern"
            description="A regular expression the whole answer must match."
            placeholder="[A-Z]{2}-\d{3}"
            {...setting.text('pattern')}
            maxLength={L.patternMax}
            classNames={{ input: 'mono-input' }}
          />
          <TextInput
            label="Pattern message"
            description="Shown when an answer does not match."
            placeholder="Use the form AB-123"
            {...setting.text('patternMessage')}
            maxLength={L.labelMax}
          />
        </SimpleGrid>
      )}
    </>
  );
}

function NumberSettings(props: Props<Of<'number'>>) {
  const setting = optionalSetting(props);
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <NumberInput label="Minimum" {...setting.number('min')} />
      <NumberInput label="Maximum" {...setting.number('max')} />
      <NumberInput
        label="Step"
        description="e.g. 1 for whole numbers"
        {...setting.number('step')}
        min={0}
      />
    </SimpleGrid>
  );
}

function ChoiceSettings(props: Props<Of<'single_choice' | 'multiple_choice' | 'dropdown'>>) {
  const { item, onChange, errors, disabled } = props;
  const setting = optionalSetting(props);
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
            {...setting.number('minSelected')}
            min={0}
            allowDecimal={false}
          />
          <NumberInput
            label="Choose at most"
            {...setting.number('maxSelected')}
            min={1}
            allowDecimal={false}
          />
        </SimpleGrid>
      )}
    </>
  );
}

function RatingSettings(props: Props<Of<'rating'>>) {
  const { item, onChange, errors, disabled } = props;
  const setting = optionalSetting(props);
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
      <TextInput label="Label of 1" {...setting.text('minLabel')} maxLength={L.optionLabelMax} />
      <TextInput
        label={`Label of ${item.max}`}
        {...setting.text('maxLabel')}
        maxLength={L.optionLabelMax}
      />
    </SimpleGrid>
  );
}

function MediaSettings(props: Props<Of<'image' | 'audio' | 'video' | 'link'>>) {
  const { item, onChange, errors, disabled } = props;
  const setting = optionalSetting(props);
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
          {...setting.text('alt')}
          maxLength={L.labelMax}
        />
      )}
      {item.type === 'link' && (
        <TextInput
          label="Link text"
          description="The address itself is shown when this is empty."
          {...setting.text('text')}
          maxLength={L.labelMax}
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
