import { svg, type SVGTemplateResult } from 'lit';
import { define } from '../elements.js';
import { clampPoint, finiteNumber, type Point, type Size } from './geometry.js';
import { ImageAnnotationElement, type Drag } from './image-annotation.js';
import { labelColor, parseLabels, parseObjectList, stringField } from './labels.js';

export interface Keypoint {
  label: string;
  x: number;
  y: number;
}

/**
 * `<crowd-keypoint>`: place, move, relabel and delete labelled points on an image. MTurk names the
 * label list `keypoints`; `labels` is accepted too. Answer: `{ [name]: { inputImageProperties:
 * { height, width }, keypoints: [{ label, x, y }] } }` in natural pixels.
 */
export class CrowdKeypoint extends ImageAnnotationElement<Keypoint> {
  static override properties = {
    ...ImageAnnotationElement.properties,
    keypoints: { type: String },
  };

  declare keypoints: string;
  protected readonly noun = 'keypoint';

  constructor() {
    super();
    this.keypoints = '';
  }

  override labelList(): string[] {
    const names = parseLabels(this.keypoints);
    return names.length > 0 ? names : parseLabels(this.labels);
  }

  protected parseInitialValue(value: string): Keypoint[] {
    return parseObjectList(value).flatMap((entry) => {
      const x = finiteNumber(Reflect.get(entry, 'x'));
      const y = finiteNumber(Reflect.get(entry, 'y'));
      return x === undefined || y === undefined
        ? []
        : [{ label: stringField(entry, 'label'), x, y }];
    });
  }

  protected clampAnnotation(point: Keypoint, size: Size): Keypoint {
    return { ...point, ...clampPoint(point, size) };
  }

  protected moved(point: Keypoint, dx: number, dy: number): Keypoint {
    return { ...point, x: point.x + dx, y: point.y + dy };
  }

  protected describe(point: Keypoint): string {
    return `${point.label || 'no label'} at x ${Math.round(point.x)}, y ${Math.round(point.y)}`;
  }

  protected createAtCentre(label: string): Keypoint | undefined {
    const { width, height } = this.imageSize;
    return width > 0 ? { label, x: width / 2, y: height / 2 } : undefined;
  }

  protected hint(): string {
    return 'Choose a label, then click the image to place its keypoint; drag a keypoint to move it. Keyboard: Tab to a keypoint, arrows move it, Delete removes it.';
  }

  protected startDrag(point: Point, target: Element): Drag | undefined {
    const index = this.indexOf(target);
    const original = this.annotations[index];
    if (!original) {
      this.add({ label: this.currentLabel, ...point });
      this.advanceLabel();
      return undefined;
    }
    this.select(index);
    const at = (to: Point): Keypoint =>
      this.clampAnnotation({ ...original, ...to }, this.imageSize);
    return {
      move: (to) => {
        this.annotations = this.replaceAt(index, at(to));
      },
      end: (to) => {
        const moved = at(to);
        this.commit(
          this.replaceAt(index, moved),
          `Moved keypoint ${index + 1}: ${this.describe(moved)}.`,
        );
      },
    };
  }

  /** After a placement the picker moves to the next label not yet placed, as MTurk's does. */
  private advanceLabel(): void {
    const placed = new Set(this.annotations.map((point) => point.label));
    const next = this.labelList().find((label) => !placed.has(label));
    this.selected = -1;
    if (next) this.currentLabel = next;
  }

  protected renderAnnotation(point: Keypoint, index: number, scale: number): SVGTemplateResult {
    const color = labelColor(this.labelList(), point.label);
    const selected = index === this.selected;
    return svg`<circle class="shape" data-index=${index} tabindex="0" role="button"
      aria-label=${`Keypoint ${index + 1}: ${this.describe(point)}`} aria-pressed=${selected ? 'true' : 'false'}
      cx=${point.x} cy=${point.y} r=${(selected ? 8 : 6) * scale}
      fill=${color} stroke="#fff" stroke-width=${2 * scale}></circle>`;
  }

  answers(): Record<string, unknown> {
    if (!this.name) return {};
    return {
      [this.name]: {
        inputImageProperties: this.inputImageProperties(),
        keypoints: this.annotations.map((point) => ({
          label: point.label,
          x: Math.round(point.x),
          y: Math.round(point.y),
        })),
      },
    };
  }
}

define('crowd-keypoint', CrowdKeypoint);

declare global {
  interface HTMLElementTagNameMap {
    'crowd-keypoint': CrowdKeypoint;
  }
}
