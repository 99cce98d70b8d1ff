import { XMLParser } from 'fast-xml-parser';
import { escapeMarkdown } from '../../../shared/templates/fill.js';
import {
  formTemplateSchema,
  ITEM_NAME,
  TEMPLATE_LIMITS,
  type FormItemInput,
  type FormTemplate,
} from '../../../shared/templates/model.js';
import { isRecord } from '../../../shared/narrow.js';
import {
  assertSafeQuestionXml,
  CDATA,
  decodeText,
  invalidQuestion,
  rootNameOf,
} from './question-xml.js';

/** The namespaces of MTurk's QuestionForm schema (the current one and the first). */
export const QUESTION_FORM_NAMESPACES = [
  'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd',
  'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionForm.xsd',
] as const;

/** An element in document order: its attributes, its child elements and its own text. */
type XmlNode = { name: string; attributes: Record<string, string>; children: XmlNode[] };
const TEXT = '#text';

// As the other question parsers: entities stay as written (decoded once, by hand, below).
const parser = new XMLParser({
  preserveOrder: true,
  processEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: CDATA,
});

function nodesOf(ordered: unknown): XmlNode[] {
  if (!Array.isArray(ordered)) return [];
  return ordered.flatMap((entry): XmlNode[] => {
    if (!isRecord(entry)) return [];
    const attrs = isRecord(entry[':@']) ? entry[':@'] : {};
    const name = Object.keys(entry).find((key) => key !== ':@');
    if (name === undefined) return [];
    const value = entry[name];
    if (name === TEXT) {
      return [{ name, attributes: { value: decodeText(String(value)) }, children: [] }];
    }
    if (name === CDATA) {
      const raw = nodesOf(value).map((node) => node.attributes.value ?? '');
      return [{ name: TEXT, attributes: { value: raw.join('') }, children: [] }];
    }
    const attributes = Object.fromEntries(
      Object.entries(attrs).map(([key, v]) => [key, decodeText(String(v))]),
    );
    return [{ name, attributes, children: nodesOf(value) }];
  });
}

/** The text an element holds (its text and CDATA, not its child elements'). */
function ownText(node: XmlNode): string {
  return node.children
    .filter((child) => child.name === TEXT)
    .map((child) => child.attributes.value ?? '')
    .join('');
}

function elements(node: XmlNode): XmlNode[] {
  return node.children.filter((child) => child.name !== TEXT);
}

function only(node: XmlNode, names: readonly string[]): XmlNode[] {
  const children = elements(node);
  const extra = children.filter((child) => !names.includes(child.name));
  if (extra.length > 0) {
    throw invalidQuestion(
      `${node.name} does not take ${[...new Set(extra.map((child) => child.name))].join(', ')}.`,
    );
  }
  return children;
}

function child(node: XmlNode, name: string): XmlNode | undefined {
  return elements(node).find((c) => c.name === name);
}

function childText(node: XmlNode, name: string): string | undefined {
  const found = child(node, name);
  return found === undefined ? undefined : ownText(found);
}

function unsupported(what: string) {
  return invalidQuestion(
    `${what} is not supported by this server's QuestionForm (see docs/mturk.md, "Questions").`,
  );
}

function wholeNumber(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(value.trim())) throw invalidQuestion(`${what} must be a whole number.`);
  return Number(value.trim());
}

function booleanOf(value: string | undefined, what: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidQuestion(`${what} must be true or false.`);
}

/** XHTML of a FormattedContent as plain text: block elements become line breaks. */
function plainTextOfXhtml(xhtml: string): string {
  return decodeText(
    xhtml
      .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr|\/ul|\/ol|\/table)\b[^>]*>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '- ')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

type Display =
  | { kind: 'markdown'; text: string }
  | { kind: 'media'; type: 'image' | 'audio' | 'video' | 'link'; url: string; alt: string };

/** One element of MTurk's ContentType (Overview, QuestionContent, a Selection's content). */
function displayOf(node: XmlNode): Display {
  switch (node.name) {
    case 'Title':
      return { kind: 'markdown', text: `### ${escapeMarkdown(ownText(node))}` };
    case 'Text':
      return { kind: 'markdown', text: escapeMarkdown(ownText(node)) };
    case 'List':
      return {
        kind: 'markdown',
        text: only(node, ['ListItem'])
          .map((item) => `- ${escapeMarkdown(ownText(item))}`)
          .join('\n'),
      };
    case 'FormattedContent':
      return {
        kind: 'markdown',
        text: plainTextOfXhtml(ownText(node))
          .split('\n')
          .map((line) => escapeMarkdown(line))
          .join('\n\n'),
      };
    case 'Binary': {
      only(node, ['MimeType', 'DataURL', 'AltText']);
      const url = childText(node, 'DataURL') ?? '';
      const mime = child(node, 'MimeType');
      const type = mime === undefined ? '' : (childText(mime, 'Type') ?? '');
      const alt = childText(node, 'AltText') ?? '';
      const kind = type === 'image' || type === 'audio' || type === 'video' ? type : 'link';
      return { kind: 'media', type: kind, url, alt };
    }
    default:
      throw unsupported(`The content element ${node.name}`);
  }
}

const CONTENT = ['Title', 'Text', 'List', 'Binary', 'FormattedContent'] as const;

/** Builds the items, naming display items so they never collide with a QuestionIdentifier. */
function createNamer(taken: Set<string>) {
  let n = 0;
  return () => {
    let name: string;
    do {
      n += 1;
      name = `content_${n}`;
    } while (taken.has(name));
    taken.add(name);
    return name;
  };
}

function displayItems(nodes: XmlNode[], nextName: () => string): FormItemInput[] {
  const items: FormItemInput[] = [];
  let markdown: string[] = [];
  const flush = () => {
    if (markdown.length > 0) {
      items.push({ type: 'instructions', name: nextName(), text: markdown.join('\n\n') });
    }
    markdown = [];
  };
  for (const node of nodes) {
    const display = displayOf(node);
    if (display.kind === 'markdown') {
      if (display.text !== '') markdown.push(display.text);
      continue;
    }
    flush();
    const { type, url, alt } = display;
    const name = nextName();
    if (type === 'image') items.push({ type, name, url, ...(alt && { alt }) });
    else if (type === 'link') items.push({ type, name, url, ...(alt && { text: alt }) });
    else items.push({ type, name, url, ...(alt && { label: alt }) });
  }
  flush();
  return items;
}

/** A question's label: its one line of text when that is all it shows, else its name. */
function labelOf(question: XmlNode, id: string, content: XmlNode[]): string {
  const [only] = content;
  if (content.length === 1 && only && (only.name === 'Text' || only.name === 'Title')) {
    const text = ownText(only);
    if (text.length <= TEMPLATE_LIMITS.labelMax) return text;
  }
  return childText(question, 'DisplayName') ?? id;
}

function freeTextItem(
  spec: XmlNode,
  base: { name: string; label: string; required: boolean },
): FormItemInput {
  only(spec, ['Constraints', 'DefaultText', 'NumberOfLinesSuggestion']);
  const constraints = child(spec, 'Constraints');
  const kinds = constraints ? only(constraints, ['IsNumeric', 'Length', 'AnswerFormatRegex']) : [];
  const numeric = kinds.find((c) => c.name === 'IsNumeric');
  const length = kinds.find((c) => c.name === 'Length');
  const regexes = kinds.filter((c) => c.name === 'AnswerFormatRegex');
  const defaultText = childText(spec, 'DefaultText');
  const placeholder = defaultText ? { placeholder: defaultText } : {};
  if (numeric) {
    if (length || regexes.length > 0) {
      throw unsupported('IsNumeric together with Length or AnswerFormatRegex');
    }
    const min = wholeNumber(numeric.attributes.minValue, 'IsNumeric minValue');
    const max = wholeNumber(numeric.attributes.maxValue, 'IsNumeric maxValue');
    // MTurk's IsNumeric takes whole numbers only.
    return { type: 'number', ...base, step: 1, min, max };
  }
  const minLength = wholeNumber(length?.attributes.minLength, 'Length minLength');
  const maxLength = wholeNumber(length?.attributes.maxLength, 'Length maxLength');
  const lengths = { minLength, maxLength };
  const [regex, ...more] = regexes;
  if (more.length > 0) throw unsupported('More than one AnswerFormatRegex on a question');
  if (regex) {
    const flags = regex.attributes.flags;
    if (flags !== undefined && flags !== '') {
      throw unsupported(`AnswerFormatRegex flags ("${flags}")`);
    }
    const pattern = regex.attributes.regex ?? '';
    const message = regex.attributes.errorText;
    return {
      type: 'text',
      ...base,
      ...placeholder,
      ...lengths,
      pattern,
      ...(message && { patternMessage: message }),
    };
  }
  const lines = wholeNumber(childText(spec, 'NumberOfLinesSuggestion'), 'NumberOfLinesSuggestion');
  const long = maxLength !== undefined && maxLength > TEMPLATE_LIMITS.textAnswerMax;
  if ((lines !== undefined && lines > 1) || long) {
    const rows = Math.min(Math.max(lines ?? 4, 2), TEMPLATE_LIMITS.textareaRowsMax);
    return { type: 'textarea', ...base, ...placeholder, ...lengths, rows };
  }
  return { type: 'text', ...base, ...placeholder, ...lengths };
}

const MULTIPLE_STYLES = ['checkbox', 'multichooser'];
const DROPDOWN_STYLES = ['dropdown', 'combobox'];
const STYLES = ['radiobutton', 'list', ...MULTIPLE_STYLES, ...DROPDOWN_STYLES];

function selectionItem(
  spec: XmlNode,
  base: { name: string; label: string; required: boolean },
): FormItemInput {
  only(spec, ['MinSelectionCount', 'MaxSelectionCount', 'StyleSuggestion', 'Selections']);
  const min = wholeNumber(childText(spec, 'MinSelectionCount'), 'MinSelectionCount');
  const max = wholeNumber(childText(spec, 'MaxSelectionCount'), 'MaxSelectionCount');
  const style = childText(spec, 'StyleSuggestion');
  if (style !== undefined && !STYLES.includes(style)) {
    throw invalidQuestion(`StyleSuggestion must be one of ${STYLES.join(', ')}.`);
  }
  const selections = child(spec, 'Selections');
  if (!selections) throw invalidQuestion(`SelectionAnswer of ${base.name} needs its Selections.`);
  const options = only(selections, ['Selection', 'OtherSelection']).map((selection) => {
    if (selection.name === 'OtherSelection') throw unsupported('OtherSelection');
    const [id, ...content] = only(selection, ['SelectionIdentifier', ...CONTENT]);
    if (id?.name !== 'SelectionIdentifier' || content.length !== 1 || !content[0]) {
      throw invalidQuestion(
        'a Selection holds its SelectionIdentifier, then one Text, FormattedContent or Binary.',
      );
    }
    const shown = displayOf(content[0]);
    const label = shown.kind === 'markdown' ? ownText(content[0]) : shown.alt || shown.url;
    const text = content[0].name === 'FormattedContent' ? plainTextOfXhtml(label) : label;
    return { value: ownText(id), label: text };
  });
  const multiple =
    (style !== undefined && MULTIPLE_STYLES.includes(style)) || (max !== undefined && max > 1);
  const required = base.required || (min !== undefined && min > 0);
  if (multiple) {
    return {
      type: 'multiple_choice',
      ...base,
      required,
      options,
      ...(min !== undefined && min > 0 && { minSelected: min }),
      ...(max !== undefined && { maxSelected: max }),
    };
  }
  const type =
    style !== undefined && DROPDOWN_STYLES.includes(style) ? 'dropdown' : 'single_choice';
  return { type, ...base, required, options };
}

function questionItems(question: XmlNode, nextName: () => string): FormItemInput[] {
  only(question, [
    'QuestionIdentifier',
    'DisplayName',
    'IsRequired',
    'QuestionContent',
    'AnswerSpecification',
  ]);
  const id = childText(question, 'QuestionIdentifier') ?? '';
  if (!ITEM_NAME.test(id)) {
    throw invalidQuestion(
      `QuestionIdentifier "${id}" must start with a letter and hold only letters, digits and "_" (at most 64 characters) on this server.`,
    );
  }
  const contentNode = child(question, 'QuestionContent');
  const content = contentNode ? only(contentNode, CONTENT) : [];
  const label = labelOf(question, id, content);
  const shownInLabel = content.length === 1 && label === ownText(content[0] ?? question);
  const base = {
    name: id,
    label,
    required: booleanOf(childText(question, 'IsRequired'), 'IsRequired') ?? false,
  };
  const spec = child(question, 'AnswerSpecification');
  const [answer, ...more] = spec ? elements(spec) : [];
  if (!answer || more.length > 0) {
    throw invalidQuestion(`Question ${id} needs exactly one answer in its AnswerSpecification.`);
  }
  let item: FormItemInput;
  switch (answer.name) {
    case 'FreeTextAnswer':
      item = freeTextItem(answer, base);
      break;
    case 'SelectionAnswer':
      item = selectionItem(answer, base);
      break;
    case 'FileUploadAnswer':
      throw unsupported('FileUploadAnswer (a file upload)');
    default:
      throw unsupported(`The answer ${answer.name}`);
  }
  return [...(shownInLabel ? [] : displayItems(content, nextName)), item];
}

/**
 * MTurk's QuestionForm XML as a Tessera form template: Overview and QuestionContent become
 * instruction and media items, each Question one answer item named by its QuestionIdentifier
 * (so the answers come back under MTurk's identifiers). What a form cannot do is refused with
 * an MTurk RequestError rather than dropped.
 */
export function questionFormTemplate(xml: string): FormTemplate {
  assertSafeQuestionXml(xml);
  const roots = nodesOf(parser.parse(xml));
  const rootName = rootNameOf(
    roots.map((node) => node.name),
    'QuestionForm',
  );
  const root = roots.find((node) => node.name === rootName);
  if (!root || rootName !== 'QuestionForm') {
    throw invalidQuestion(`the root element is ${rootName}; a QuestionForm was expected.`);
  }
  // The parser drops namespace declarations along with prefixes: read it from the start tag.
  const startTag = /<(?:[\w.-]+:)?QuestionForm\b[^>]*>/.exec(xml)?.[0] ?? '';
  const namespace = /\sxmlns(?::[\w.-]+)?\s*=\s*["']([^"']*)["']/.exec(startTag)?.[1] ?? '';
  if (!QUESTION_FORM_NAMESPACES.some((known) => known === namespace)) {
    throw invalidQuestion(
      `QuestionForm must use the namespace ${QUESTION_FORM_NAMESPACES.join(' or ')}.`,
    );
  }
  const parts = only(root, ['Overview', 'Question']);
  const taken = new Set(parts.map((part) => childText(part, 'QuestionIdentifier') ?? ''));
  const nextName = createNamer(taken);
  const items = parts.flatMap((part) =>
    part.name === 'Overview'
      ? displayItems(only(part, CONTENT), nextName)
      : questionItems(part, nextName),
  );
  if (!parts.some((part) => part.name === 'Question')) {
    throw invalidQuestion('a QuestionForm needs at least one Question.');
  }
  const parsed = formTemplateSchema.safeParse({ kind: 'form', items });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [, index, ...rest] = issue.path;
      const item = typeof index === 'number' ? items[index] : undefined;
      return `${item ? item.name : 'QuestionForm'}${rest.length ? `.${rest.join('.')}` : ''}: ${issue.message}`;
    });
    throw invalidQuestion(problems.join('; '));
  }
  return parsed.data;
}
