/**
 * What Tessera makes of an MTurk HTML template before it is imported as-is (issue #16): the
 * placeholders it holds, the columns a batch will need, the crowd-html-elements it uses, and every
 * part that will not work here, each with a message a requester can act on. Shared, so the
 * designer shows the analysis as the requester pastes, and the same rules can run anywhere.
 *
 * Markup is scanned, not parsed into a tree: MTurk templates are often fragments with unclosed
 * tags, and the browser is what finally reads them. The scan only needs start tags, their
 * attributes, and where comments and scripts end.
 */
import { cellRulesOf } from './cell-rules.js';
import { substituteCrowdScript } from './crowd-script.js';
import { TEMPLATE_LIMITS } from './model.js';
import { HTML_PLACEHOLDER } from './placeholders.js';

/** The crowd-html-elements Tessera implements (src/crowd-elements registers these names). */
export const SUPPORTED_CROWD_ELEMENTS = [
  'crowd-alert',
  'crowd-badge',
  'crowd-bounding-box',
  'crowd-button',
  'crowd-card',
  'crowd-checkbox',
  'crowd-classifier',
  'crowd-entity-annotation',
  'crowd-form',
  'crowd-icon-button',
  'crowd-image-classifier',
  'crowd-input',
  'crowd-instructions',
  'crowd-keypoint',
  'crowd-line',
  'crowd-modal',
  'crowd-polygon',
  'crowd-radio-button',
  'crowd-radio-group',
  'crowd-semantic-segmentation',
  'crowd-slider',
  'crowd-tab',
  'crowd-tabs',
  'crowd-text-area',
  'crowd-toggle-button',
] as const;

const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_CROWD_ELEMENTS);

/** An inline picture or file (`data:` address) larger than this is refused: host it instead. */
export const INLINE_DATA_MAX_BYTES = 64 * 1024;

export type ImportProblemCode =
  | 'too_large'
  | 'inline_data_too_large'
  | 'unknown_crowd_element'
  | 'external_script'
  | 'external_stylesheet'
  | 'external_form_action'
  | 'external_iframe'
  | 'nested_placeholder'
  | 'bad_placeholder'
  | 'malformed_markup';

export type ImportProblem = {
  code: ImportProblemCode;
  message: string;
  /** A blocking problem stops the import; the others are saved as-is but will not work. */
  blocking: boolean;
};

export type ImportColumn = {
  name: string;
  /** What each row must hold in it beyond some text, e.g. "a web address (http:// or https://)". */
  holds: string | null;
};

export type MturkTemplateAnalysis = {
  bytes: number;
  /** Each placeholder once, with how many times it appears. */
  placeholders: { name: string; count: number }[];
  columns: ImportColumn[];
  crowdElements: string[];
  usesAmazonScript: boolean;
  problems: ImportProblem[];
  importable: boolean;
};

type StartTag = { name: string; attributes: Map<string, string> };

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const START_TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^>]*?)?)\s*\/?>/g;

/** The markup with comments removed and script bodies blanked, and what could not be closed. */
function stripOpaqueParts(html: string): { markup: string; unclosed: string[] } {
  const unclosed: string[] = [];
  let markup = html.replace(/<!--[\s\S]*?-->/g, '');
  const openComment = markup.indexOf('<!--');
  if (openComment !== -1) {
    unclosed.push('a comment (<!--) that is never closed with -->');
    markup = markup.slice(0, openComment);
  }
  markup = markup.replace(/(<script\b[^>]*>)[\s\S]*?<\/script\s*>/gi, '$1</script>');
  markup = markup.replace(/(<style\b[^>]*>)[\s\S]*?<\/style\s*>/gi, '$1</style>');
  const openScript = /<script\b[^>]*>(?![\s\S]*<\/script\s*>)/i.exec(markup);
  if (openScript) unclosed.push('a <script> that is never closed with </script>');
  const cutTag = /<[a-zA-Z][^<>]*$/.exec(markup);
  if (cutTag) unclosed.push(`a tag that is cut off: ${JSON.stringify(cutTag[0].slice(0, 40))}`);
  return { markup, unclosed };
}

function startTags(markup: string): StartTag[] {
  return [...markup.matchAll(START_TAG)].map((match) => {
    const attributes = new Map<string, string>();
    for (const a of (match[2] ?? '').matchAll(ATTRIBUTE)) {
      const name = (a[1] ?? '').toLowerCase();
      if (!attributes.has(name)) attributes.set(name, a[2] ?? a[3] ?? a[4] ?? '');
    }
    return { name: (match[1] ?? '').toLowerCase(), attributes };
  });
}

/** An address that leaves Tessera: absolute with a host (a filled placeholder may be anything). */
function isOutside(address: string): boolean {
  const value = address.trim();
  if (value.startsWith('${')) return false;
  return /^(https?:)?\/\//i.test(value);
}

const MTURK_SUBMIT = /^https:\/\/(www|workersandbox)\.mturk\.com\/mturk\/externalSubmit\/?$/i;
const AMAZON_SCRIPT_PROBE = 'tessera-crowd-bundle';

function isAmazonScript(src: string): boolean {
  const probe = substituteCrowdScript(`<script src="${src}">`, AMAZON_SCRIPT_PROBE);
  return probe.includes(AMAZON_SCRIPT_PROBE);
}

const COLUMN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** `${…}` that are not plain placeholders: nested ones, and names a column cannot have. */
function placeholderProblems(html: string): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const match of html.matchAll(/\$\{((?:[^{}]|\$\{[^{}]*\})*)\}/g)) {
    const inner = match[1] ?? '';
    const whole = match[0];
    if (seen.has(whole) || COLUMN.test(inner)) continue;
    seen.add(whole);
    const shown = JSON.stringify(whole.length > 60 ? `${whole.slice(0, 57)}…` : whole);
    problems.push(
      inner.includes('${')
        ? {
            code: 'nested_placeholder',
            message: `${shown} puts a placeholder inside another; only the inner one is filled, so the page would show the rest as written. Use one column per value.`,
            blocking: false,
          }
        : {
            code: 'bad_placeholder',
            message: `${shown} is not a column name (letters, digits, "_", "." and "-"), so it is left as written.`,
            blocking: false,
          },
    );
  }
  return problems;
}

function tagProblems(tags: StartTag[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const unknown = new Set<string>();
  for (const { name, attributes } of tags) {
    const src = attributes.get('src') ?? '';
    if (name.startsWith('crowd-') && !SUPPORTED.has(name)) unknown.add(name);
    if (name === 'script' && src && !isAmazonScript(src) && isOutside(src))
      problems.push({
        code: 'external_script',
        message: `The script ${src} is loaded from another site. Task pages load only Amazon's crowd-html-elements (served by Tessera itself): copy what you need into an inline <script>.`,
        blocking: false,
      });
    if (name === 'link' && /stylesheet/i.test(attributes.get('rel') ?? '')) {
      const href = attributes.get('href') ?? '';
      if (isOutside(href))
        problems.push({
          code: 'external_stylesheet',
          message: `The stylesheet ${href} is loaded from another site; put its rules in a <style> element so the task looks the same for every worker.`,
          blocking: false,
        });
    }
    if (name === 'form') {
      const action = attributes.get('action') ?? '';
      if (action && isOutside(action) && !MTURK_SUBMIT.test(action.trim()))
        problems.push({
          code: 'external_form_action',
          message: `A form posts to ${action}. Tessera collects the answers itself; a form posting elsewhere would send the worker's answers away and never submit the task.`,
          blocking: false,
        });
    }
    if (name === 'iframe' && isOutside(src))
      problems.push({
        code: 'external_iframe',
        message: `An <iframe> shows ${src}. Pages from other sites do not run inside a task here; link to it instead, or bring its content into the template.`,
        blocking: false,
      });
  }
  for (const name of unknown)
    problems.push({
      code: 'unknown_crowd_element',
      message: `Tessera has no <${name}> element: it would show nothing and record no answer. Use one of the crowd elements Tessera supports, or plain HTML form fields.`,
      blocking: false,
    });
  return problems;
}

function inlineDataProblems(html: string): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const match of html.matchAll(/data:([\w.+/-]*)[;,][^"'\s)>]*/gi)) {
    const bytes = match[0].length;
    if (bytes <= INLINE_DATA_MAX_BYTES) continue;
    const kb = (n: number) => `${Math.ceil(n / 1024).toLocaleString('en')} KB`;
    problems.push({
      code: 'inline_data_too_large',
      message: `An inline ${match[1] || 'data'} file is ${kb(bytes)}, more than the ${kb(INLINE_DATA_MAX_BYTES)} allowed inside a template. Host the file and give its address in a column instead.`,
      blocking: true,
    });
  }
  return problems;
}

/** The analysis of `html` as pasted or uploaded. */
export function analyseMturkTemplate(html: string): MturkTemplateAnalysis {
  const bytes = new TextEncoder().encode(html).length;
  const problems: ImportProblem[] = [];
  if (html.trim() === '')
    problems.push({ code: 'malformed_markup', message: 'The template is empty.', blocking: true });
  if (bytes > TEMPLATE_LIMITS.htmlBytes)
    problems.push({
      code: 'too_large',
      message: `The template is ${bytes.toLocaleString('en')} bytes; at most ${TEMPLATE_LIMITS.htmlBytes.toLocaleString('en')} are allowed. Inline pictures are the usual cause: host them and use a column for their address.`,
      blocking: true,
    });
  problems.push(...inlineDataProblems(html));

  const { markup, unclosed } = stripOpaqueParts(html);
  for (const what of unclosed)
    problems.push({
      code: 'malformed_markup',
      message: `The markup has ${what}; everything after it would be lost.`,
      blocking: true,
    });
  const tags = startTags(markup);
  problems.push(...placeholderProblems(html), ...tagProblems(tags));

  const counts = new Map<string, number>();
  for (const match of html.matchAll(HTML_PLACEHOLDER)) {
    const name = match[1] ?? '';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const rules = cellRulesOf({ kind: 'html', html });
  const holds = (name: string) => {
    const rule = rules.find((r) => r.kind !== 'url_template' && r.column === name);
    if (!rule) return null;
    return rule.kind === 'url' ? 'a web address (http:// or https://)' : 'a number';
  };
  const crowdElements = [...new Set(tags.map((t) => t.name).filter((n) => n.startsWith('crowd-')))];

  return {
    bytes,
    placeholders: [...counts].map(([name, count]) => ({ name, count })),
    columns: [...counts.keys()].map((name) => ({ name, holds: holds(name) })),
    crowdElements,
    usesAmazonScript: tags.some(
      (t) => t.name === 'script' && isAmazonScript(t.attributes.get('src') ?? ''),
    ),
    problems,
    importable: problems.every((p) => !p.blocking),
  };
}
