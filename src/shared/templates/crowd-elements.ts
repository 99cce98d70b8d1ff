import { HTML_PLACEHOLDER, replacePlaceholders } from './placeholders.js';

/**
 * The crowd-html-elements an HTML template uses, read from its markup: which element answers under
 * which name, and the attributes that say what it showed the worker (`src` of an image element,
 * `text` of crowd-entity-annotation). The review page needs them to draw an answer over the picture
 * the worker annotated, and the results export to give each element a column of its own.
 */
export type CrowdElement = {
  tag: string;
  name: string;
  /** The attributes as written, placeholders unfilled. */
  attributes: Readonly<Record<string, string>>;
};

/** An opening tag of a custom element whose name starts with `crowd-`, attributes quoted or not. */
const CROWD_TAG =
  /<(crowd-[a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name && !Object.hasOwn(attributes, name))
      attributes[name] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attributes;
}

/** The named crowd elements of a template, in document order; the first of a name wins. */
export function crowdElementsIn(html: string): CrowdElement[] {
  const elements: CrowdElement[] = [];
  const names = new Set<string>();
  for (const match of html.matchAll(CROWD_TAG)) {
    const tag = match[1]?.toLowerCase() ?? '';
    const attributes = attributesOf(match[2] ?? '');
    const name = attributes.name?.trim();
    if (tag === 'crowd-form' || !name || names.has(name)) continue;
    names.add(name);
    elements.push({ tag, name, attributes });
  }
  return elements;
}

/**
 * An attribute of the element as the worker's task had it: placeholders filled from the task's
 * row (raw, not HTML-escaped: the caller renders it as text or checks it as an address).
 */
export function filledAttribute(
  element: CrowdElement,
  attribute: string,
  data: Readonly<Record<string, string>>,
): string | undefined {
  const written = element.attributes[attribute];
  if (written === undefined) return undefined;
  return replacePlaceholders(written, HTML_PLACEHOLDER, data, (value) => value).trim();
}
