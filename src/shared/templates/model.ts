import { z } from 'zod';
import { columnsIn, FORM_PLACEHOLDER } from './placeholders.js';
import { patternProblem } from './pattern.js';

/** Limits of a template, shared by the API's schemas and the designer in the web app. */
export const TEMPLATE_LIMITS = {
  items: 200,
  nameMax: 64,
  labelMax: 1_000,
  helpMax: 2_000,
  markdownMax: 20_000,
  placeholderMax: 200,
  optionsMax: 200,
  optionValueMax: 200,
  optionLabelMax: 500,
  urlMax: 2_048,
  patternMax: 200,
  /** Single-line answers are short, which also bounds the work an answer pattern can cause. */
  textAnswerMax: 1_000,
  textareaAnswerMax: 65_536,
  textareaRowsMax: 40,
  ratingScaleMin: 2,
  ratingScaleMax: 10,
  htmlBytes: 262_144,
  /** Answers of an HTML template: its form fields, by name. */
  htmlAnswerFields: 200,
  htmlAnswerNameMax: 128,
  htmlAnswerValueMax: 65_536,
} as const;

const L = TEMPLATE_LIMITS;

export const ITEM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const count = () => z.number().int('must be a whole number').nonnegative('must not be negative');

const itemName = z
  .string()
  .regex(
    ITEM_NAME,
    'must start with a letter and hold only letters, digits and "_" (at most 64 characters)',
  );

/**
 * A media or link address: an http(s) URL, possibly holding `{{column}}` placeholders, or a
 * placeholder that the task's data fills (checked again when filled: see `safeUrl`).
 */
const urlField = text(L.urlMax)
  .min(1, 'must not be empty')
  .refine((value) => {
    if (/^\s*\{\{/.test(value)) return true;
    try {
      const url = new URL(value.replace(FORM_PLACEHOLDER, 'x'));
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL or a {{column}} placeholder');

const base = {
  name: itemName,
  label: text(L.labelMax).default(''),
  help: text(L.helpMax).optional(),
};

const option = z.strictObject({
  value: text(L.optionValueMax).min(1, 'must not be empty'),
  label: text(L.optionLabelMax).min(1, 'must not be empty'),
});
const options = z
  .array(option)
  .min(1, 'must list at least one option')
  .max(L.optionsMax, `must list at most ${L.optionsMax} options`);

const instructionsItem = z.strictObject({
  type: z.literal('instructions'),
  ...base,
  /** Markdown, rendered without raw HTML. */
  text: text(L.markdownMax).min(1, 'must not be empty'),
});

/** What the typed-answer items share: required or not, a placeholder, lengths up to `max`. */
const typedAnswer = (max: number) => ({
  required: z.boolean().default(false),
  placeholder: text(L.placeholderMax).optional(),
  minLength: count().max(max).optional(),
  maxLength: count().min(1).max(max).optional(),
});

const textItem = z.strictObject({
  type: z.literal('text'),
  ...base,
  ...typedAnswer(L.textAnswerMax),
  /** The whole answer must match (like the HTML `pattern` attribute). */
  pattern: text(L.patternMax).optional(),
  patternMessage: text(L.labelMax).optional(),
});

const textareaItem = z.strictObject({
  type: z.literal('textarea'),
  ...base,
  ...typedAnswer(L.textareaAnswerMax),
  rows: z.number().int().min(2).max(L.textareaRowsMax).optional(),
});

const finite = () => z.number().refine(Number.isFinite, 'must be a finite number');

const numberItem = z.strictObject({
  type: z.literal('number'),
  ...base,
  required: z.boolean().default(false),
  min: finite().optional(),
  max: finite().optional(),
  step: finite().positive('must be more than zero').optional(),
});

const singleChoiceItem = z.strictObject({
  type: z.literal('single_choice'),
  ...base,
  required: z.boolean().default(false),
  options,
});

const dropdownItem = z.strictObject({
  type: z.literal('dropdown'),
  ...base,
  required: z.boolean().default(false),
  options,
});

const multipleChoiceItem = z.strictObject({
  type: z.literal('multiple_choice'),
  ...base,
  required: z.boolean().default(false),
  options,
  minSelected: count().optional(),
  maxSelected: count().min(1).optional(),
});

const ratingItem = z.strictObject({
  type: z.literal('rating'),
  ...base,
  required: z.boolean().default(false),
  /** The scale runs from 1 to `max`. */
  max: z
    .number()
    .int('must be a whole number')
    .min(L.ratingScaleMin, `must be at least ${L.ratingScaleMin}`)
    .max(L.ratingScaleMax, `must be at most ${L.ratingScaleMax}`)
    .default(5),
  minLabel: text(L.optionLabelMax).optional(),
  maxLabel: text(L.optionLabelMax).optional(),
});

const imageItem = z.strictObject({
  type: z.literal('image'),
  ...base,
  url: urlField,
  alt: text(L.labelMax).optional(),
});

const audioItem = z.strictObject({ type: z.literal('audio'), ...base, url: urlField });
const videoItem = z.strictObject({ type: z.literal('video'), ...base, url: urlField });

const linkItem = z.strictObject({
  type: z.literal('link'),
  ...base,
  url: urlField,
  /** The link's text; the URL itself when absent. */
  text: text(L.labelMax).optional(),
});

export const formItemSchema = z.discriminatedUnion('type', [
  instructionsItem,
  textItem,
  textareaItem,
  numberItem,
  singleChoiceItem,
  multipleChoiceItem,
  dropdownItem,
  ratingItem,
  imageItem,
  audioItem,
  videoItem,
  linkItem,
]);
export type FormItem = z.infer<typeof formItemSchema>;
export type FormItemInput = z.input<typeof formItemSchema>;
export type FormItemType = FormItem['type'];

/** The item types a worker answers; the others only show something. */
export const ANSWER_ITEM_TYPES = [
  'text',
  'textarea',
  'number',
  'single_choice',
  'multiple_choice',
  'dropdown',
  'rating',
] as const satisfies readonly FormItemType[];

/** Every item type: instructions, the ones a worker answers, then what shows media or a link. */
export const FORM_ITEM_TYPES = [
  'instructions',
  ...ANSWER_ITEM_TYPES,
  'image',
  'audio',
  'video',
  'link',
] as const satisfies readonly FormItemType[];
export type AnswerItem = Extract<FormItem, { type: (typeof ANSWER_ITEM_TYPES)[number] }>;

export function isAnswerItem(item: FormItem): item is AnswerItem {
  return ANSWER_ITEM_TYPES.some((type) => type === item.type);
}

type Issue = { path: (string | number)[]; message: string };

/** Rules that span fields of one item: ranges in order, unique options, a usable pattern. */
function itemIssues(item: FormItem): Issue[] {
  const issues: Issue[] = [];
  switch (item.type) {
    case 'text':
    case 'textarea':
      if (item.minLength !== undefined && item.maxLength !== undefined) {
        if (item.minLength > item.maxLength)
          issues.push({ path: ['minLength'], message: 'must not be more than maxLength' });
      }
      if (item.type === 'text' && item.pattern !== undefined) {
        const problem = patternProblem(item.pattern);
        if (problem) issues.push({ path: ['pattern'], message: problem });
      }
      break;
    case 'number':
      if (item.min !== undefined && item.max !== undefined && item.min > item.max)
        issues.push({ path: ['min'], message: 'must not be more than max' });
      break;
    case 'single_choice':
    case 'dropdown':
    case 'multiple_choice': {
      const seen = new Set<string>();
      item.options.forEach((o, index) => {
        if (seen.has(o.value))
          issues.push({
            path: ['options', index, 'value'],
            message: `repeats the value "${o.value}"; option values must be unique`,
          });
        seen.add(o.value);
      });
      if (item.type === 'multiple_choice') {
        if (item.minSelected !== undefined && item.minSelected > item.options.length)
          issues.push({ path: ['minSelected'], message: 'must not be more than the options' });
        if (
          item.minSelected !== undefined &&
          item.maxSelected !== undefined &&
          item.minSelected > item.maxSelected
        )
          issues.push({ path: ['minSelected'], message: 'must not be more than maxSelected' });
      }
      break;
    }
    case 'instructions':
    case 'rating':
    case 'image':
    case 'audio':
    case 'video':
    case 'link':
      break;
  }
  return issues;
}

export const formTemplateSchema = z
  .strictObject({
    kind: z.literal('form'),
    items: z.array(formItemSchema).max(L.items, `must hold at most ${L.items} items`),
  })
  .superRefine((template, ctx) => {
    const names = new Set<string>();
    template.items.forEach((item, index) => {
      if (names.has(item.name))
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'name'],
          message: `repeats the name "${item.name}"; item names must be unique`,
        });
      names.add(item.name);
      for (const issue of itemIssues(item))
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, ...issue.path],
          message: issue.message,
        });
    });
  });
export type FormTemplate = z.infer<typeof formTemplateSchema>;

export const htmlTemplateSchema = z.strictObject({
  kind: z.literal('html'),
  html: z
    .string()
    .min(1, 'must not be empty')
    .refine(
      (html) => new TextEncoder().encode(html).length <= L.htmlBytes,
      `must be at most ${L.htmlBytes} bytes`,
    ),
});
export type HtmlTemplate = z.infer<typeof htmlTemplateSchema>;

export const templateSchema = z.discriminatedUnion('kind', [
  formTemplateSchema,
  htmlTemplateSchema,
]);
export type Template = z.infer<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;

/** Placeholders are found in every text a worker reads. */
export function formItemTexts(item: FormItem): string[] {
  const texts = [item.label, item.help ?? ''];
  switch (item.type) {
    case 'instructions':
      texts.push(item.text);
      break;
    case 'text':
    case 'textarea':
      texts.push(item.placeholder ?? '');
      break;
    case 'single_choice':
    case 'multiple_choice':
    case 'dropdown':
      texts.push(...item.options.map((o) => o.label));
      break;
    case 'rating':
      texts.push(item.minLabel ?? '', item.maxLabel ?? '');
      break;
    case 'image':
      texts.push(item.url, item.alt ?? '');
      break;
    case 'audio':
    case 'video':
      texts.push(item.url);
      break;
    case 'link':
      texts.push(item.url, item.text ?? '');
      break;
    case 'number':
      break;
  }
  return texts;
}

export function formPlaceholders(template: FormTemplate): string[] {
  return [
    ...new Set(
      template.items.flatMap((item) =>
        formItemTexts(item).flatMap((t) => columnsIn(t, FORM_PLACEHOLDER)),
      ),
    ),
  ];
}
