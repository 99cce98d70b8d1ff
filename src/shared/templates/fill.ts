import { escapeHtml } from '../html.js';
import type { FormItem, FormTemplate, Template } from './model.js';
import { formPlaceholders } from './model.js';
import {
  columnsIn,
  FORM_PLACEHOLDER,
  HTML_PLACEHOLDER,
  replacePlaceholders,
} from './placeholders.js';

/** One task's data: column → value. */
export type TaskRow = Readonly<Record<string, string>>;

/** The columns a template reads: `{{column}}` in form texts, `${column}` in HTML. */
export function placeholdersOf(template: Template): string[] {
  return template.kind === 'form'
    ? formPlaceholders(template)
    : columnsIn(template.html, HTML_PLACEHOLDER);
}

/** Data values read as literal text inside Markdown: every ASCII punctuation mark is escaped. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[!-/:-@[-`{-~]/g, (ch) => `\\${ch}`);
}

/** An absolute http(s) URL, or null: data must never turn a link into `javascript:`. */
export function safeUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A form item as a worker sees it: texts filled, addresses checked (null when unusable). */
export type FilledFormItem = FormItem extends infer T
  ? T extends { url: string }
    ? Omit<T, 'url'> & { url: string | null }
    : T
  : never;

function fillItem(item: FormItem, row: TaskRow): FilledFormItem {
  const plain = (value: string) => replacePlaceholders(value, FORM_PLACEHOLDER, row, (v) => v);
  const optional = (value: string | undefined) => (value === undefined ? undefined : plain(value));
  const common = { label: plain(item.label), help: optional(item.help) };
  switch (item.type) {
    case 'instructions':
      return {
        ...item,
        ...common,
        text: replacePlaceholders(item.text, FORM_PLACEHOLDER, row, escapeMarkdown),
      };
    case 'text':
    case 'textarea':
      return { ...item, ...common, placeholder: optional(item.placeholder) };
    case 'single_choice':
    case 'multiple_choice':
    case 'dropdown':
      return {
        ...item,
        ...common,
        options: item.options.map((o) => ({ value: o.value, label: plain(o.label) })),
      };
    case 'rating':
      return {
        ...item,
        ...common,
        minLabel: optional(item.minLabel),
        maxLabel: optional(item.maxLabel),
      };
    case 'image':
      return { ...item, ...common, url: safeUrl(plain(item.url)), alt: optional(item.alt) };
    case 'audio':
    case 'video':
      return { ...item, ...common, url: safeUrl(plain(item.url)) };
    case 'link':
      return { ...item, ...common, url: safeUrl(plain(item.url)), text: optional(item.text) };
    case 'number':
      return { ...item, ...common };
  }
}

/**
 * The form a worker sees for one row. Texts are filled as plain text (the page renders them as
 * text, never as HTML); instructions are Markdown, so values are Markdown-escaped there.
 */
export function fillFormTemplate(
  template: FormTemplate,
  row: TaskRow,
): { kind: 'form'; items: FilledFormItem[] } {
  return { kind: 'form', items: template.items.map((item) => fillItem(item, row)) };
}

/** MTurk-style filling: every `${column}` becomes the row's value, HTML-escaped. */
export function fillHtmlTemplate(html: string, row: TaskRow): string {
  return replacePlaceholders(html, HTML_PLACEHOLDER, row, escapeHtml);
}
