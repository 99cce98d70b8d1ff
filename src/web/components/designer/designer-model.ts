import type { FormItem, FormItemType, Template } from '../../../shared/templates/index.js';
import { ITEM_NAME, TEMPLATE_LIMITS, templateSchema } from '../../../shared/templates/index.js';
import {
  publishedTemplateChange,
  type OptionValueChange,
} from '../../../shared/templates/published-changes.js';
import { fieldIssuesIn } from '../../lib/narrow.js';

export const ITEM_TYPE_LABELS: Record<FormItemType, string> = {
  instructions: 'Instructions',
  text: 'Short text',
  textarea: 'Long text',
  number: 'Number',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  dropdown: 'Dropdown',
  rating: 'Rating scale',
  image: 'Image',
  audio: 'Audio',
  video: 'Video',
  link: 'Link',
};

export const ITEM_TYPE_HINTS: Record<FormItemType, string> = {
  instructions: 'Markdown text shown to the worker',
  text: 'A one-line answer',
  textarea: 'A paragraph or more',
  number: 'A number, with limits',
  single_choice: 'Pick one option',
  multiple_choice: 'Pick any number of options',
  dropdown: 'Pick one from a list',
  rating: 'A point on a scale',
  image: 'Show a picture',
  audio: 'Play a recording',
  video: 'Play a video',
  link: 'Link to a page',
};

/** What an item is called in the list: its label, else its first line of text, else its type. */
export function itemTitle(item: FormItem): string {
  if (item.label.trim()) return item.label;
  if (item.type === 'instructions') {
    const firstLine = item.text
      .split('\n')
      .map((line) => line.replace(/^\s*(?:#+|>|[-*+]|\d+\.)\s+/, '').replace(/\*\*|__|`/g, ''))
      .find((line) => line.trim() !== '');
    if (firstLine) return firstLine.trim().slice(0, 100);
  }
  return ITEM_TYPE_LABELS[item.type];
}

/** A name for a new item that no other item has: `text_1`, `text_2`… */
export function uniqueItemName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  for (let n = 1; ; n += 1) {
    const candidate = `${base}_${n}`;
    if (!names.has(candidate)) return candidate;
  }
}

const BASE_NAMES: Record<FormItemType, string> = {
  instructions: 'instructions',
  text: 'answer',
  textarea: 'comments',
  number: 'count',
  single_choice: 'choice',
  multiple_choice: 'choices',
  dropdown: 'selection',
  rating: 'rating',
  image: 'image',
  audio: 'audio',
  video: 'video',
  link: 'link',
};

/** A new item of `type` with sensible starting values, named so it clashes with nothing. */
export function createItem(type: FormItemType, taken: Iterable<string>): FormItem {
  const name = uniqueItemName(BASE_NAMES[type], taken);
  switch (type) {
    case 'instructions':
      return {
        type,
        name,
        label: '',
        text: 'Tell workers what to do and what a good answer looks like.',
      };
    case 'text':
      return { type, name, label: 'Your answer', required: true };
    case 'textarea':
      return { type, name, label: 'Comments', required: false };
    case 'number':
      return { type, name, label: 'How many?', required: true, min: 0 };
    case 'single_choice':
    case 'dropdown':
      return {
        type,
        name,
        label: 'Choose one',
        required: true,
        options: [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ],
      };
    case 'multiple_choice':
      return {
        type,
        name,
        label: 'Choose all that apply',
        required: false,
        options: [
          { value: 'option_a', label: 'Option A' },
          { value: 'option_b', label: 'Option B' },
          { value: 'option_c', label: 'Option C' },
        ],
      };
    case 'rating':
      return {
        type,
        name,
        label: 'How good is it?',
        required: true,
        max: 5,
        minLabel: 'Poor',
        maxLabel: 'Excellent',
      };
    case 'image':
      return { type, name, label: '', url: '{{image_url}}', alt: 'The image to look at' };
    case 'audio':
      return { type, name, label: '', url: '{{audio_url}}' };
    case 'video':
      return { type, name, label: '', url: '{{video_url}}' };
    case 'link':
      return { type, name, label: '', url: 'https://example.com/', text: 'Open the page' };
  }
}

/** The list with the item at `index` moved by `delta` places; unchanged if it would leave it. */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  next.splice(target, 0, ...next.splice(index, 1));
  return next;
}

export const STARTER_HTML = `<p>Read the review below and choose how it feels.</p>
<blockquote>\${review_text}</blockquote>
<form>
  <fieldset>
    <legend>Sentiment</legend>
    <label><input type="radio" name="sentiment" value="positive" required> Positive</label>
    <label><input type="radio" name="sentiment" value="negative"> Negative</label>
  </fieldset>
  <button type="submit">Submit</button>
</form>
`;

export function starterTemplate(kind: Template['kind']): Template {
  return kind === 'form' ? { kind: 'form', items: [] } : { kind: 'html', html: STARTER_HTML };
}

/** A problem the API (or the same zod schema, here) found in the template. */
export type TemplateIssue = { path: string; message: string };

export type TemplateIssues = {
  /** By item index, then by the field inside it (`name`, `options`, `options.1.value`…). */
  items: Record<number, Record<string, string>>;
  /** Problems with the template as a whole (`html`, `items`, `kind`). */
  general: Record<string, string>;
};

export const NO_ISSUES: TemplateIssues = { items: {}, general: {} };

/**
 * Files each problem under the item it belongs to. Paths look like `body.template.items.2.options`
 * (from the server) or `items.2.options` (from parsing here); the first message per field wins.
 */
export function groupTemplateIssues(issues: readonly TemplateIssue[]): TemplateIssues {
  const grouped: TemplateIssues = { items: {}, general: {} };
  for (const issue of issues) {
    const parts = issue.path
      .replace(/^body\./, '')
      .replace(/^template\.?/, '')
      .split('.');
    if (parts[0] === 'items' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
      const index = Number(parts[1]);
      const field = parts.slice(2).join('.') || 'item';
      const forItem = (grouped.items[index] ??= {});
      forItem[field] ??= issue.message;
    } else {
      const field = parts.join('.') || 'template';
      grouped.general[field] ??= issue.message;
    }
  }
  return grouped;
}

export function issueCount(issues: TemplateIssues): number {
  return (
    Object.keys(issues.general).length +
    Object.values(issues.items).reduce((sum, fields) => sum + Object.keys(fields).length, 0)
  );
}

/** The problems in an API error's details that concern the template. */
export function templateIssuesFromDetails(details: unknown): TemplateIssue[] {
  return fieldIssuesIn(details).filter((issue) => issue.path.startsWith('body.template'));
}

/** Whether a name the requester typed would be accepted as an item name. */
export function isValidItemName(name: string): boolean {
  return ITEM_NAME.test(name);
}

/** Sample values for the live preview: the ones typed so far, or blank, for every placeholder. */
export function sampleRowFor(
  placeholders: readonly string[],
  typed: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(placeholders.map((column) => [column, typed[column] ?? '']));
}

export const MAX_ITEMS = TEMPLATE_LIMITS.items;

/** JSON with keys sorted and undefined left out: the database does not keep key order. */
export function canonicalJson(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, inner]) => inner !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([key, inner]) => [key, canonical(inner)]),
          )
        : v;
  return JSON.stringify(canonical(value));
}

/** Whether the draft differs from what is saved, once defaults are filled in as the API does. */
export function isTemplateChanged(draft: Template, saved: Template): boolean {
  const parsed = templateSchema.safeParse(draft);
  return !parsed.success || canonicalJson(parsed.data) !== canonicalJson(saved);
}

export type ChoiceOption = { value: string; label: string };

const VALUE_MAX = 64;

/** The value a label suggests: `Very good!` → `very_good`; `option` when nothing is left. */
export function valueFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, VALUE_MAX)
    .replace(/_+$/, '');
  return slug || 'option';
}

/** `base`, or `base_2`, `base_3`… whichever no other option uses. */
function uniqueValue(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Whether an option's value still follows its label: it is what the label suggests (possibly
 * numbered to stay unique). A value typed by hand is anything else, and is left alone.
 */
export function valueFollowsLabel(option: ChoiceOption): boolean {
  const base = valueFromLabel(option.label);
  return option.value === base || new RegExp(`^${base}_\\d+$`).test(option.value);
}

const valuesExcept = (options: readonly ChoiceOption[], index: number) =>
  new Set(options.filter((_, i) => i !== index).map((o) => o.value));

/**
 * The options with option `index` relabelled. While values follow labels (a draft), a value that
 * followed the old label follows the new one, so a renamed option records what it now says.
 */
export function relabelOption(
  options: readonly ChoiceOption[],
  index: number,
  label: string,
  valuesFollowLabels: boolean,
): ChoiceOption[] {
  return options.map((option, i) => {
    if (i !== index) return option;
    const follows = valuesFollowLabels && (valueFollowsLabel(option) || option.value === '');
    return follows
      ? { label, value: uniqueValue(valueFromLabel(label), valuesExcept(options, index)) }
      : { ...option, label };
  });
}

/** The options with option `index`'s value set by hand. */
export function setOptionValue(
  options: readonly ChoiceOption[],
  index: number,
  value: string,
): ChoiceOption[] {
  return options.map((option, i) => (i === index ? { ...option, value } : option));
}

/** The options with option `index`'s value following its label again. */
export function followLabel(options: readonly ChoiceOption[], index: number): ChoiceOption[] {
  return options.map((option, i) =>
    i === index
      ? { ...option, value: uniqueValue(valueFromLabel(option.label), valuesExcept(options, i)) }
      : option,
  );
}

/** The options with a new one at the end, labelled `Option N`, its value following the label. */
export function addOption(options: readonly ChoiceOption[]): ChoiceOption[] {
  const label = `Option ${options.length + 1}`;
  const taken = new Set(options.map((o) => o.value));
  return [...options, { label, value: uniqueValue(valueFromLabel(label), taken) }];
}

/**
 * What is wrong with option `index`'s value, in words for the requester, or null. The API checks
 * emptiness and repeats too; spaces at the ends are caught here, where they are invisible.
 */
export function optionValueProblem(options: readonly ChoiceOption[], index: number): string | null {
  const value = options[index]?.value ?? '';
  if (value === '') return 'Enter a value: it is what the answer records';
  if (value.trim() !== value) return 'Remove the spaces at the start or end of the value';
  const first = options.findIndex((o) => o.value === value);
  if (first !== index) {
    return `Option ${first + 1} already records "${value}"; each option needs its own value`;
  }
  return null;
}

/** Every option value problem of a form, keyed like the API's paths (`items.2.options.1.value`). */
export function optionValueIssues(template: Template): TemplateIssue[] {
  if (template.kind !== 'form') return [];
  return template.items.flatMap((item, itemIndex) =>
    'options' in item
      ? item.options.flatMap((_, index) => {
          const message = optionValueProblem(item.options, index);
          return message ? [{ path: `items.${itemIndex}.options.${index}.value`, message }] : [];
        })
      : [],
  );
}

/** Option values that differ between the saved template and the draft, by position. */
export function changedOptionValues(saved: Template, draft: Template): OptionValueChange[] {
  const change = publishedTemplateChange(saved, draft);
  return change.kind === 'options' ? change.valueChanges : [];
}
