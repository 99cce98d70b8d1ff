/**
 * MTurk templates load Amazon's crowd-html-elements from its CDN. Tessera serves its own
 * implementation (src/crowd-elements) from its own origin, so a filled template's script tag is
 * pointed there and no request from a task frame leaves Tessera (DESIGN §8).
 */

/** Where the server serves the bundle; a `?v=` content hash is added when it is known. */
export const CROWD_BUNDLE_PATH = '/crowd/crowd-html-elements.js';

/**
 * Amazon's script, by any of the names it has been published under: the current file, the one
 * without the custom-elements polyfill, and either with a query (cache busting) or a fragment.
 * Only `src` values that are wholly such a URL are matched.
 */
const AMAZON_SCRIPT_SRC =
  /(\bsrc\s*=\s*)(["']?)(?:https?:)?\/\/assets\.crowd\.aws\/crowd-html-elements(?:-without-ce-polyfill)?\.js(?:[?#][^"'\s>]*)?\2(?=[\s>/])/gi;

/** The template with every `src` of Amazon's crowd-html-elements script replaced by `bundleUrl`. */
export function substituteCrowdScript(html: string, bundleUrl: string): string {
  return html.replace(AMAZON_SCRIPT_SRC, (_match, prefix: string, quote: string) => {
    const q = quote || '"';
    return `${prefix}${q}${bundleUrl}${q}`;
  });
}
