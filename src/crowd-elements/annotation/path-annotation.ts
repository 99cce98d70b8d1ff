import { nothing, svg, type SVGTemplateResult } from 'lit';
import { clampPoint, parseVertices, roundPoint, type Point, type Size } from './geometry.js';
import { ImageAnnotationElement, type Drag } from './image-annotation.js';
import { labelColor, parseObjectList, stringField } from './labels.js';

export interface Path {
  label: string;
  vertices: Point[];
}

/**
 * The base of crowd-polygon (closed paths) and crowd-line (open ones): click to add vertices;
 * Enter, a double click or (for a polygon) a click on the first vertex finishes the path; Escape
 * abandons it. A finished path is selected by a click or Tab; its vertices are dragged; the whole
 * path moves with a drag or the arrow keys.
 */
export abstract class PathAnnotationElement extends ImageAnnotationElement<Path> {
  static override properties = {
    ...ImageAnnotationElement.properties,
    draft: { state: true },
  };

  /** The path being drawn, not yet an annotation. */
  declare draft: Point[];
  protected abstract readonly closed: boolean;
  /** MTurk's name for the paths in the answer (`lines`, `polygons`). */
  protected abstract readonly answerKey: string;

  constructor() {
    super();
    this.draft = [];
  }

  private minimumVertices(): number {
    return this.closed ? 3 : 2;
  }

  protected parseInitialValue(value: string): Path[] {
    return parseObjectList(value)
      .map((entry) => ({
        label: stringField(entry, 'label'),
        vertices: parseVertices(Reflect.get(entry, 'vertices')),
      }))
      .filter((path) => path.vertices.length >= this.minimumVertices());
  }

  protected clampAnnotation(path: Path, size: Size): Path {
    return { ...path, vertices: path.vertices.map((vertex) => clampPoint(vertex, size)) };
  }

  protected moved(path: Path, dx: number, dy: number): Path {
    const { width, height } = this.imageSize;
    // The whole path moves only as far as its furthest vertex may go, so its shape is kept.
    const xs = path.vertices.map((v) => v.x);
    const ys = path.vertices.map((v) => v.y);
    const mx = width > 0 ? Math.min(Math.max(dx, -Math.min(...xs)), width - Math.max(...xs)) : dx;
    const my = height > 0 ? Math.min(Math.max(dy, -Math.min(...ys)), height - Math.max(...ys)) : dy;
    return { ...path, vertices: path.vertices.map((v) => ({ x: v.x + mx, y: v.y + my })) };
  }

  protected describe(path: Path): string {
    const points = path.vertices.map((v) => `${Math.round(v.x)} ${Math.round(v.y)}`).join(', ');
    return `${path.label || 'no label'}, ${path.vertices.length} vertices: ${points}`;
  }

  protected createAtCentre(label: string): Path | undefined {
    const { width: w, height: h } = this.imageSize;
    if (w <= 0) return undefined;
    const vertices = this.closed
      ? [
          { x: w / 2, y: h / 4 },
          { x: (3 * w) / 4, y: (3 * h) / 4 },
          { x: w / 4, y: (3 * h) / 4 },
        ]
      : [
          { x: w / 4, y: h / 2 },
          { x: (3 * w) / 4, y: h / 2 },
        ];
    return { label, vertices };
  }

  /** Adds a vertex to the draft (as a keyboard user would with the pointer); finishes on the first. */
  addVertex(point: Point): void {
    const first = this.draft[0];
    const near = 8 * this.displayScale;
    if (
      this.closed &&
      first &&
      this.draft.length >= 3 &&
      Math.hypot(point.x - first.x, point.y - first.y) <= near
    ) {
      this.finish();
      return;
    }
    const last = this.draft[this.draft.length - 1];
    // A double click presses twice on one spot: that is one vertex, not two.
    if (last && Math.hypot(point.x - last.x, point.y - last.y) <= near / 2) return;
    this.draft = [...this.draft, this.onImage(point)];
    this.announce(`Vertex ${this.draft.length} at ${Math.round(point.x)}, ${Math.round(point.y)}.`);
  }

  /** Turns the draft into a path, if it has enough vertices. */
  finish(): void {
    if (this.draft.length < this.minimumVertices()) {
      this.announce(`A ${this.noun} needs at least ${this.minimumVertices()} vertices.`);
      return;
    }
    const vertices = this.draft;
    this.draft = [];
    this.add({ label: this.currentLabel, vertices });
  }

  protected override handleKey(event: KeyboardEvent): boolean {
    if (event.key === 'Enter' && this.draft.length > 0) {
      this.finish();
      return true;
    }
    if (event.key === 'Escape' && this.draft.length > 0) {
      this.draft = [];
      this.announce(`${this.noun} abandoned.`);
      return true;
    }
    return false;
  }

  protected startDrag(point: Point, target: Element): Drag | undefined {
    const vertex = target.getAttribute('data-handle');
    if (vertex !== null && this.annotations[this.selected] && this.draft.length === 0) {
      return this.vertexDrag(this.selected, Number(vertex));
    }
    const index = this.indexOf(target);
    const original = this.annotations[index];
    if (original && this.draft.length === 0) {
      this.select(index);
      return this.moveDrag(index, original, point);
    }
    this.selected = -1;
    return {
      move: () => undefined,
      end: () => this.addVertex(point),
    };
  }

  private vertexDrag(index: number, vertex: number): Drag | undefined {
    const original = this.annotations[index];
    if (!original) return undefined;
    const at = (point: Point): Path => ({
      ...original,
      vertices: original.vertices.map((v, i) => (i === vertex ? this.onImage(point) : v)),
    });
    return {
      move: (point) => {
        this.annotations = this.replaceAt(index, at(point));
      },
      end: (point) => {
        this.commit(
          this.replaceAt(index, at(point)),
          `${this.noun} ${index + 1}: vertex ${vertex + 1} moved.`,
        );
      },
    };
  }

  private onDoubleClick = (): void => {
    if (this.draft.length > 0) this.finish();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('dblclick', this.onDoubleClick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('dblclick', this.onDoubleClick);
  }

  private points(vertices: Point[]): string {
    return vertices.map((v) => `${v.x},${v.y}`).join(' ');
  }

  protected renderAnnotation(path: Path, index: number, scale: number): SVGTemplateResult {
    const color = labelColor(this.labelList(), path.label);
    const selected = index === this.selected;
    const label = `${this.noun.charAt(0).toUpperCase()}${this.noun.slice(1)} ${index + 1}: ${this.describe(path)}`;
    const shape = this.closed
      ? svg`<polygon class="shape" data-index=${index} tabindex="0" role="button" aria-label=${label}
          aria-pressed=${selected ? 'true' : 'false'} points=${this.points(path.vertices)}
          fill=${color} fill-opacity=${selected ? 0.3 : 0.15} stroke=${color} stroke-width=${(selected ? 3 : 2) * scale}></polygon>`
      : svg`<polyline class="shape" data-index=${index} tabindex="0" role="button" aria-label=${label}
          aria-pressed=${selected ? 'true' : 'false'} points=${this.points(path.vertices)}
          fill="none" stroke=${color} stroke-width=${(selected ? 5 : 3) * scale} stroke-linecap="round"></polyline>`;
    return svg`<g>${shape}${selected ? path.vertices.map((v, i) => this.handle(v, scale, String(i))) : []}</g>`;
  }

  protected override renderDraft(scale: number): SVGTemplateResult | typeof nothing {
    if (this.draft.length === 0) return nothing;
    const color = labelColor(this.labelList(), this.currentLabel);
    return svg`<g class="draft">
      <polyline points=${this.points(this.draft)} fill="none" stroke=${color} stroke-width=${2 * scale}
        stroke-dasharray=${`${6 * scale} ${4 * scale}`}></polyline>
      ${this.draft.map((v) => svg`<circle cx=${v.x} cy=${v.y} r=${4 * scale} fill=${color}></circle>`)}
    </g>`;
  }

  /**
   * MTurk's answer: `{ [name]: { inputImageProperties: { height, width }, [answerKey]:
   * [{ label, vertices: [{ x, y }] }] } }`, in the image's natural pixels, whole.
   */
  answers(): Record<string, unknown> {
    if (!this.name) return {};
    const paths = this.annotations.map((path) => ({
      label: path.label,
      vertices: path.vertices.map(roundPoint),
    }));
    return {
      [this.name]: { inputImageProperties: this.inputImageProperties(), [this.answerKey]: paths },
    };
  }
}
