import { define } from '../elements.js';
import { PathAnnotationElement } from './path-annotation.js';

/**
 * `<crowd-line>`: draw labelled lines (two or more vertices) on an image. Answer: `{ [name]:
 * { inputImageProperties: { height, width }, lines: [{ label, vertices: [{ x, y }] }] } }`.
 */
export class CrowdLine extends PathAnnotationElement {
  protected readonly noun = 'line';
  protected readonly closed = false;
  protected readonly answerKey = 'lines';

  protected hint(): string {
    return 'Click the image to place the points of a line; double-click or press Enter to finish it (Escape abandons it). Drag a line or its points to adjust it. Keyboard: Tab to a line, arrows move it, Delete removes it.';
  }
}

define('crowd-line', CrowdLine);

declare global {
  interface HTMLElementTagNameMap {
    'crowd-line': CrowdLine;
  }
}
