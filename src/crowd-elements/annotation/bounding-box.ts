import { svg, type SVGTemplateResult } from 'lit';
import { define } from '../elements.js';
import { finiteNumber, type Point, type Size } from './geometry.js';
import { ImageAnnotationElement, type Drag } from './image-annotation.js';
import { labelColor, parseObjectList, stringField } from './labels.js';

export interface Box {
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Boxes smaller than this (natural pixels) are a click, not a drawing. */
const MIN_SIZE = 2;

const CORNERS = ['nw', 'ne', 'sw', 'se'] as const;
type Corner = (typeof CORNERS)[number];

function boxFromCorners(a: Point, b: Point, label: string): Box {
  return {
    label,
    left: Math.min(a.x, b.x),
    top: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  };
}

function cornerPoint(box: Box, corner: Corner): Point {
  return {
    x: corner.endsWith('w') ? box.left : box.left + box.width,
    y: corner.startsWith('n') ? box.top : box.top + box.height,
  };
}

const OPPOSITE: Record<Corner, Corner> = { nw: 'se', ne: 'sw', sw: 'ne', se: 'nw' };

function isCorner(value: string | null): value is Corner {
  return CORNERS.some((corner) => corner === value);
}

/**
 * `<crowd-bounding-box>`: draw, select, move, resize, label and delete boxes on an image.
 * Answer: `{ [name]: { boundingBoxes: [{ height, label, left, top, width }],
 * inputImageProperties: { height, width } } }` in the image's natural pixels.
 */
export class CrowdBoundingBox extends ImageAnnotationElement<Box> {
  protected readonly noun = 'box';

  protected parseInitialValue(value: string): Box[] {
    return parseObjectList(value).flatMap((entry) => {
      const [left, top, width, height] = ['left', 'top', 'width', 'height'].map((key) =>
        finiteNumber(Reflect.get(entry, key)),
      );
      if (left === undefined || top === undefined || width === undefined || height === undefined) {
        return [];
      }
      return [{ label: stringField(entry, 'label'), left, top, width, height }];
    });
  }

  protected clampAnnotation(box: Box, size: Size): Box {
    if (size.width <= 0 || size.height <= 0) return box;
    const width = Math.min(Math.max(box.width, 0), size.width);
    const height = Math.min(Math.max(box.height, 0), size.height);
    const left = Math.min(Math.max(box.left, 0), size.width - width);
    const top = Math.min(Math.max(box.top, 0), size.height - height);
    return { ...box, left, top, width, height };
  }

  protected moved(box: Box, dx: number, dy: number): Box {
    return { ...box, left: box.left + dx, top: box.top + dy };
  }

  protected override resized(box: Box, dw: number, dh: number): Box {
    return {
      ...box,
      width: Math.max(MIN_SIZE, box.width + dw),
      height: Math.max(MIN_SIZE, box.height + dh),
    };
  }

  protected describe(box: Box): string {
    const r = Math.round;
    return `${box.label || 'no label'}, left ${r(box.left)}, top ${r(box.top)}, width ${r(box.width)}, height ${r(box.height)}`;
  }

  protected createAtCentre(label: string): Box | undefined {
    const { width, height } = this.imageSize;
    if (width <= 0 || height <= 0) return undefined;
    return { label, left: width / 4, top: height / 4, width: width / 2, height: height / 2 };
  }

  protected hint(): string {
    return 'Drag on the image to draw a box; drag a box to move it and its corners to resize it. Keyboard: Tab to a box, arrows move it, Shift+arrows resize it, Delete removes it; the label choice relabels the selected box.';
  }

  protected startDrag(point: Point, target: Element): Drag | undefined {
    const handle = target.getAttribute('data-handle');
    const index = this.indexOf(target);
    if (isCorner(handle) && this.annotations[this.selected]) {
      return this.resizeDrag(this.selected, handle);
    }
    const box = this.annotations[index];
    if (box) {
      this.select(index);
      return this.moveDrag(index, box, point);
    }
    return this.drawDrag(point);
  }

  private drawDrag(start: Point): Drag {
    const index = this.annotations.length;
    const label = this.currentLabel;
    this.annotations = [...this.annotations, boxFromCorners(start, start, label)];
    this.selected = index;
    return {
      move: (point) => {
        this.annotations = this.replaceAt(index, boxFromCorners(start, point, label));
      },
      end: (point) => {
        const box = boxFromCorners(start, point, label);
        const kept = this.annotations.filter((_, i) => i !== index);
        if (box.width < MIN_SIZE || box.height < MIN_SIZE) {
          this.annotations = kept;
          this.selected = -1;
          return;
        }
        this.annotations = kept;
        this.add(box);
      },
    };
  }

  private resizeDrag(index: number, corner: Corner): Drag | undefined {
    const original = this.annotations[index];
    if (!original) return undefined;
    const fixed = cornerPoint(original, OPPOSITE[corner]);
    const at = (point: Point): Box => boxFromCorners(fixed, this.onImage(point), original.label);
    return {
      move: (point) => {
        this.annotations = this.replaceAt(index, at(point));
      },
      end: (point) => {
        const box = at(point);
        if (box.width < MIN_SIZE || box.height < MIN_SIZE) {
          this.annotations = this.replaceAt(index, original);
          return;
        }
        this.commit(this.replaceAt(index, box), `Resized box ${index + 1}: ${this.describe(box)}.`);
      },
    };
  }

  protected renderAnnotation(box: Box, index: number, scale: number): SVGTemplateResult {
    const color = labelColor(this.labelList(), box.label);
    const selected = index === this.selected;
    return svg`<g>
      <rect class="shape" data-index=${index} tabindex="0" role="button"
        aria-label=${`Box ${index + 1}: ${this.describe(box)}`} aria-pressed=${selected ? 'true' : 'false'}
        x=${box.left} y=${box.top} width=${box.width} height=${box.height}
        fill=${color} fill-opacity=${selected ? 0.25 : 0.1} stroke=${color}
        stroke-width=${(selected ? 3 : 2) * scale}></rect>
      ${selected ? CORNERS.map((corner) => this.handle(cornerPoint(box, corner), scale, corner)) : []}
    </g>`;
  }

  answers(): Record<string, unknown> {
    if (!this.name) return {};
    return {
      [this.name]: {
        boundingBoxes: this.annotations.map((box) => ({
          height: Math.round(box.height),
          label: box.label,
          left: Math.round(box.left),
          top: Math.round(box.top),
          width: Math.round(box.width),
        })),
        inputImageProperties: this.inputImageProperties(),
      },
    };
  }
}

define('crowd-bounding-box', CrowdBoundingBox);

declare global {
  interface HTMLElementTagNameMap {
    'crowd-bounding-box': CrowdBoundingBox;
  }
}
