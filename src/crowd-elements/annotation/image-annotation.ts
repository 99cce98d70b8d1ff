import {
  html,
  nothing,
  svg,
  type PropertyValues,
  type SVGTemplateResult,
  type TemplateResult,
} from 'lit';
import { announceChange } from '../elements.js';
import {
  clampPoint,
  imagePoint,
  keyboardStep,
  pixelScale,
  type Point,
  type Size,
} from './geometry.js';
import { LabelledImageElement } from './labelled-image.js';

/** A drag in progress: the base routes pointer moves to it until the pointer is released. */
export interface Drag {
  move(point: Point): void;
  end(point: Point): void;
}

export interface Labeled {
  label: string;
}

/**
 * The base of the image annotation elements (crowd-bounding-box, crowd-keypoint, crowd-polygon,
 * crowd-line): MTurk's `src`, `header`, `labels`, `initial-value` and `name`; the image scaled to
 * fit with an SVG overlay in natural pixels; the label picker; selection; pointer drags; the
 * keyboard (arrows move, shift+arrows resize, Delete removes, Escape deselects); an aria-live
 * announcement of every change; and the image's load failure. Subclasses draw their shapes, parse
 * their `initial-value` and give their answer.
 */
export abstract class ImageAnnotationElement<A extends Labeled> extends LabelledImageElement {
  static override properties = {
    ...LabelledImageElement.properties,
    initialValue: { type: String, attribute: 'initial-value' },
    annotations: { state: true },
    selected: { state: true },
    displayScale: { state: true },
  };

  declare initialValue: string;
  /** The annotations, in natural image pixels. */
  declare annotations: A[];
  /** Index of the selected annotation, -1 for none. */
  declare selected: number;
  /** Natural pixels per displayed pixel, so handles and strokes look the same at any size. */
  declare displayScale: number;

  private drag: Drag | undefined;

  /** What one annotation is called in messages ("box", "keypoint" …). */
  protected abstract readonly noun: string;

  constructor() {
    super();
    this.initialValue = '';
    this.annotations = [];
    this.selected = -1;
    this.displayScale = 1;
  }

  private resizeObserver: ResizeObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver === 'undefined') return;
    this.resizeObserver = new ResizeObserver(() => this.measure());
    void this.updateComplete.then(() => {
      const image = this.renderRoot.querySelector('.stage img');
      if (image) this.resizeObserver?.observe(image);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  private measure(): void {
    const image = this.renderRoot.querySelector('.stage img');
    if (image) this.displayScale = pixelScale(image, this.imageSize);
  }

  /** The annotations an `initial-value` attribute describes (untrusted JSON). */
  protected abstract parseInitialValue(value: string): A[];
  /** One annotation kept inside the image. */
  protected abstract clampAnnotation(annotation: A, size: Size): A;
  /** The SVG of one annotation; `index` goes in `data-index` of its focusable shape. */
  protected abstract renderAnnotation(
    annotation: A,
    index: number,
    scale: number,
  ): SVGTemplateResult;
  /** The drag a pointer press starts (on `target`, at `point`), if any. */
  protected abstract startDrag(point: Point, target: Element): Drag | undefined;
  /** The annotation moved by (dx, dy) natural pixels. */
  protected abstract moved(annotation: A, dx: number, dy: number): A;
  /** How the annotation is read out: its label and where it is. */
  protected abstract describe(annotation: A): string;
  /** A new annotation at the image's centre, for keyboard users ("Add" button). */
  protected abstract createAtCentre(label: string): A | undefined;
  abstract override answers(): Record<string, unknown>;

  /** The annotation resized by (dw, dh); by default shapes have no size. */
  protected resized(annotation: A, _dw: number, _dh: number): A {
    return annotation;
  }

  /** Drawing still in progress (crowd-polygon's open path), rendered above the annotations. */
  protected renderDraft(_scale: number): SVGTemplateResult | typeof nothing {
    return nothing;
  }

  /** Keys a subclass handles before the shared ones (Enter closes a polygon); true if handled. */
  protected handleKey(_event: KeyboardEvent): boolean {
    return false;
  }

  protected abstract hint(): string;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('initialValue')) {
      this.annotations = this.parseInitialValue(this.initialValue).map((annotation) =>
        this.clampAnnotation(annotation, this.imageSize),
      );
      this.selected = -1;
    }
    super.willUpdate(changed);
  }

  override validationMessage(): string {
    if (this.required && this.annotations.length === 0) {
      return this.imageStatus === 'failed'
        ? 'The image could not be loaded, so nothing can be annotated.'
        : `Add at least one ${this.noun}.`;
    }
    return '';
  }

  override focusProblem(): void {
    this.renderRoot.querySelector<HTMLElement>('.add, .overlay')?.focus();
  }

  /** Replaces the annotations, announces the change and tells listeners (`change`). */
  protected commit(annotations: A[], message: string): void {
    this.annotations = annotations;
    this.announce(message);
    announceChange(this);
  }

  protected replaceAt(index: number, annotation: A): A[] {
    return this.annotations.map((existing, i) => (i === index ? annotation : existing));
  }

  /**
   * Dragging a whole annotation: it follows the pointer, kept on the image as an arrow key keeps
   * it, and is committed where it is dropped (a click that did not move it changes nothing).
   */
  protected moveDrag(index: number, original: A, start: Point): Drag {
    const at = (point: Point): A =>
      this.clampAnnotation(
        this.moved(original, point.x - start.x, point.y - start.y),
        this.imageSize,
      );
    return {
      move: (point) => {
        this.annotations = this.replaceAt(index, at(point));
      },
      end: (point) => {
        if (point.x === start.x && point.y === start.y) return;
        const moved = at(point);
        this.commit(
          this.replaceAt(index, moved),
          `Moved ${this.noun} ${index + 1}: ${this.describe(moved)}.`,
        );
      },
    };
  }

  protected select(index: number): void {
    this.selected = index;
    const annotation = this.annotations[index];
    if (annotation && this.labelList().includes(annotation.label)) {
      this.currentLabel = annotation.label;
    }
  }

  /** Adds an annotation, selects it and announces it. */
  protected add(annotation: A): void {
    const clamped = this.clampAnnotation(annotation, this.imageSize);
    const index = this.annotations.length;
    this.commit(
      [...this.annotations, clamped],
      `Added ${this.noun} ${index + 1}: ${this.describe(clamped)}.`,
    );
    this.selected = index;
  }

  removeAt(index: number): void {
    const annotation = this.annotations[index];
    if (!annotation) return;
    this.commit(
      this.annotations.filter((_, i) => i !== index),
      `Deleted ${this.noun} ${index + 1} (${annotation.label || 'no label'}).`,
    );
    this.selected = -1;
  }

  private pickLabel(label: string): void {
    this.currentLabel = label;
    const annotation = this.annotations[this.selected];
    if (annotation && annotation.label !== label) {
      this.commit(
        this.replaceAt(this.selected, { ...annotation, label }),
        `${this.capitalNoun()} ${this.selected + 1} is now labelled ${label}.`,
      );
    }
  }

  private capitalNoun(): string {
    return this.noun.charAt(0).toUpperCase() + this.noun.slice(1);
  }

  private overlay(): SVGSVGElement | null {
    return this.renderRoot.querySelector('svg.overlay');
  }

  private toImage(event: PointerEvent): Point {
    const overlay = this.overlay();
    return overlay ? imagePoint(event, overlay, this.imageSize) : { x: 0, y: 0 };
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (this.disabled || this.imageStatus !== 'loaded' || event.button > 0) return;
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    // The press would focus nothing (its default is prevented below): the keyboard follows it here.
    this.overlay()?.focus({ preventScroll: true });
    this.drag = this.startDrag(this.toImage(event), target);
    if (this.drag) {
      event.preventDefault();
      this.overlay()?.setPointerCapture?.(event.pointerId);
    }
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    this.drag?.move(this.toImage(event));
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    const drag = this.drag;
    this.drag = undefined;
    drag?.end(this.toImage(event));
    if (drag && this.selected >= 0) {
      const selected = this.selected;
      void this.updateComplete.then(() => this.focusAnnotation(selected));
    }
  };

  /** Index of the annotation a focusable shape stands for (`data-index`), or -1. */
  protected indexOf(target: EventTarget | null): number {
    if (!(target instanceof Element)) return -1;
    const index = target.closest('[data-index]')?.getAttribute('data-index');
    return index === null || index === undefined ? -1 : Number(index);
  }

  private readonly onFocusIn = (event: FocusEvent): void => {
    const index = this.indexOf(event.target);
    if (index >= 0) this.select(index);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (this.disabled || this.handleKey(event)) return;
    const index = this.indexOf(event.target);
    const annotation = this.annotations[index];
    if (event.key === 'Escape') {
      this.selected = -1;
      return;
    }
    if (!annotation) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.removeAt(index);
      this.overlay()?.focus();
      return;
    }
    const step = keyboardStep(this.imageSize);
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const delta = arrows[event.key];
    if (!delta) return;
    event.preventDefault();
    const [dx, dy] = delta;
    const changed = this.clampAnnotation(
      event.shiftKey ? this.resized(annotation, dx, dy) : this.moved(annotation, dx, dy),
      this.imageSize,
    );
    this.commit(
      this.replaceAt(index, changed),
      `${this.capitalNoun()} ${index + 1}: ${this.describe(changed)}.`,
    );
  };

  private readonly onAddClick = (): void => {
    const annotation = this.createAtCentre(this.currentLabel);
    if (!annotation) return;
    this.add(annotation);
    void this.updateComplete.then(() => this.focusAnnotation(this.selected));
  };

  protected focusAnnotation(index: number): void {
    this.renderRoot.querySelector<SVGElement>(`[data-index="${index}"]`)?.focus();
  }

  protected imageLoaded(): void {
    this.measure();
    this.annotations = this.annotations.map((annotation) =>
      this.clampAnnotation(annotation, this.imageSize),
    );
  }

  /** Keeps a point on the image (for drags). */
  protected onImage(point: Point): Point {
    return clampPoint(point, this.imageSize);
  }

  protected renderTools(): TemplateResult | typeof nothing {
    return html`<button
      type="button"
      class="add"
      ?disabled=${this.disabled || this.imageStatus !== 'loaded'}
      @click=${this.onAddClick}
    >
      Add ${this.noun}
    </button>`;
  }

  override render(): TemplateResult {
    const { width, height } = this.imageSize;
    const scale = this.displayScale;
    const title = this.header || 'Image to annotate';
    return this.renderShell({
      tools: this.renderTools(),
      onPick: (label) => this.pickLabel(label),
      body: this.renderStage(
        title,
        () =>
          html`<svg
            class="overlay"
            viewBox="0 0 ${width} ${height}"
            preserveAspectRatio="none"
            role="group"
            tabindex="-1"
            aria-label=${`${title}: ${this.annotations.length} ${this.noun}(s)`}
            @pointerdown=${this.onPointerDown}
            @pointermove=${this.onPointerMove}
            @pointerup=${this.onPointerUp}
            @pointercancel=${this.onPointerUp}
            @keydown=${this.onKeyDown}
            @focusin=${this.onFocusIn}
          >
            ${this.annotations.map((annotation, index) => this.renderAnnotation(annotation, index, scale))}
            ${this.renderDraft(scale)}
          </svg>`,
      ),
      hint: this.hint(),
    });
  }

  /** A round handle `r` displayed pixels wide at a natural-pixel point. */
  protected handle(point: Point, scale: number, data: string): SVGTemplateResult {
    return svg`<circle class="handle" data-handle=${data} cx=${point.x} cy=${point.y} r=${5 * scale} stroke-width=${scale}></circle>`;
  }
}
