import { define } from '../elements.js';
import { PathAnnotationElement } from './path-annotation.js';

/**
 * `<crowd-polygon>`: draw labelled polygons on an image. Answer: `{ [name]: { inputImageProperties:
 * { height, width }, polygons: [{ label, vertices: [{ x, y }] }] } }` in natural pixels.
 */
export class CrowdPolygon extends PathAnnotationElement {
  protected readonly noun = 'polygon';
  protected readonly closed = true;
  protected readonly answerKey = 'polygons';

  protected hint(): string {
    return 'Click the image to place vertices; click the first vertex, double-click or press Enter to close the polygon (Escape abandons it). Drag a polygon or its vertices to adjust it. Keyboard: Tab to a polygon, arrows move it, Delete removes it.';
  }
}

define('crowd-polygon', CrowdPolygon);

declare global {
  interface HTMLElementTagNameMap {
    'crowd-polygon': CrowdPolygon;
  }
}
