import { css } from 'lit';

/**
 * A list attribute as MTurk templates write it: JSON (`["Cat","Dog"]`) or, as Amazon's own
 * examples do, a JavaScript array literal with single quotes (`['Cat', 'Dog']`). Anything else
 * gives no entries rather than throwing while the page renders.
 */
export function parseList(value: string | null | undefined): string[] {
  if (!value) return [];
  const candidates = [
    value,
    value.replace(/'((?:[^'\\]|\\.)*)'/g, (_match, inner: string) =>
      JSON.stringify(inner.replace(/\\'/g, "'")),
    ),
  ];
  for (const candidate of candidates) {
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (Array.isArray(parsed)) return parsed.map((entry) => String(entry));
    } catch {
      // Not this spelling; try the next.
    }
  }
  return [];
}

/** Whether a key press is typing into a field, where single-key shortcuts must not fire. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement &&
      !['checkbox', 'radio', 'range', 'button', 'submit'].includes(target.type))
  );
}

/** The layout of most elements: a block of its own, set apart from its neighbours. */
export const blockStyles = css`
  :host {
    display: block;
    margin: 8px 0;
  }
`;

/** The layout of the small elements that sit in a line: a button, a badge, a switch. */
export const inlineStyles = css`
  :host {
    display: inline-block;
  }
`;

/**
 * The look every element shares: the page's font, visible focus, targets big enough for a
 * finger on a phone, and nothing wider than the screen.
 */
export const baseStyles = css`
  :host {
    font: inherit;
    color: inherit;
    box-sizing: border-box;
    max-width: 100%;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid #0972d3;
    outline-offset: 2px;
  }
  button,
  input,
  textarea,
  select {
    font: inherit;
    min-height: 44px;
  }
  .label {
    display: block;
    font-weight: 600;
    margin-bottom: 4px;
  }
  .problem {
    color: #b3261e;
    margin: 4px 0 0;
    font-size: 0.9em;
  }
  .problem:empty {
    display: none;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    padding: 8px 16px;
    border-radius: 6px;
    border: 1px solid #0972d3;
    background: #fff;
    color: #0972d3;
    cursor: pointer;
    text-decoration: none;
  }
  .button.primary {
    background: #0972d3;
    color: #fff;
  }
  .button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
`;
