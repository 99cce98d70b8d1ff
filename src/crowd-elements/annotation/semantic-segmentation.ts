import { html, type TemplateResult } from 'lit';
import { announceChange, define } from '../elements.js';
import { imagePoint, pixelScale, type Point } from './geometry.js';
import { labelColor } from './labels.js';
import { LabelledImageElement } from './labelled-image.js';

type Tool = 'brush' | 'eraser';

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * `<crowd-semantic-segmentation>`: paint the image's pixels with labels (brush and eraser).
 * The mask is one byte per natural pixel (0 unlabelled, n the n-th label). Answer, as MTurk's:
 * `{ [name]: { inputImageProperties: { height, width }, labelMappings: { [label]: { color } },
 * labeledImage: { pngImageData } } }`: a base64 PNG of the natural size whose labelled pixels have
 * their label's colour and whose unlabelled pixels are transparent.
 */
export class CrowdSemanticSegmentation extends LabelledImageElement {
  static override properties = {
    ...LabelledImageElement.properties,
    tool: { state: true },
    brushSize: { state: true },
  };

  declare tool: Tool;
  /** Brush diameter in displayed pixels. */
  declare brushSize: number;

  private mask = new Uint8Array(0);
  private last: Point | undefined;
  private painting = false;

  constructor() {
    super();
    this.tool = 'brush';
    this.brushSize = 20;
  }

  /** The label painted at a natural pixel, '' if none. */
  labelAt(point: Point): string {
    const index = this.mask[Math.floor(point.y) * this.imageSize.width + Math.floor(point.x)] ?? 0;
    return index > 0 ? (this.labelList()[index - 1] ?? '') : '';
  }

  /** Paints (or erases) a disc of `radius` natural pixels; also draws it on the visible canvas. */
  paint(centre: Point, radius: number): void {
    const { width, height } = this.imageSize;
    const value = this.tool === 'eraser' ? 0 : this.labelList().indexOf(this.currentLabel) + 1;
    const r2 = radius * radius;
    for (
      let y = Math.max(0, Math.floor(centre.y - radius));
      y <= Math.min(height - 1, centre.y + radius);
      y += 1
    ) {
      for (
        let x = Math.max(0, Math.floor(centre.x - radius));
        x <= Math.min(width - 1, centre.x + radius);
        x += 1
      ) {
        const dx = x + 0.5 - centre.x;
        const dy = y + 0.5 - centre.y;
        if (dx * dx + dy * dy <= r2) this.mask[y * width + x] = value;
      }
    }
    const context = this.canvas()?.getContext('2d');
    if (!context) return;
    context.globalCompositeOperation = value === 0 ? 'destination-out' : 'source-over';
    context.fillStyle = labelColor(this.labelList(), this.currentLabel);
    context.beginPath();
    context.arc(centre.x, centre.y, radius, 0, Math.PI * 2);
    context.fill();
  }

  private canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  private radius(): number {
    const canvas = this.canvas();
    const scale = canvas ? pixelScale(canvas, this.imageSize) : 1;
    return Math.max(0.5, (this.brushSize * scale) / 2);
  }

  /** Paints from the last point to `point`, stamping often enough to leave no gaps. */
  private stroke(point: Point): void {
    const radius = this.radius();
    const from = this.last ?? point;
    const steps = Math.max(
      1,
      Math.ceil(Math.hypot(point.x - from.x, point.y - from.y) / (radius / 2)),
    );
    for (let i = 1; i <= steps; i += 1) {
      this.paint(
        {
          x: from.x + ((point.x - from.x) * i) / steps,
          y: from.y + ((point.y - from.y) * i) / steps,
        },
        radius,
      );
    }
    this.last = point;
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    const canvas = this.canvas();
    if (!canvas || this.disabled || event.button > 0) return;
    event.preventDefault();
    canvas.setPointerCapture?.(event.pointerId);
    this.painting = true;
    this.last = undefined;
    this.stroke(imagePoint(event, canvas, this.imageSize));
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const canvas = this.canvas();
    if (this.painting && canvas) this.stroke(imagePoint(event, canvas, this.imageSize));
  };

  private readonly onPointerUp = (): void => {
    if (!this.painting) return;
    this.painting = false;
    this.last = undefined;
    this.announceCounts();
    announceChange(this);
  };

  private announceCounts(): void {
    const parts = [...this.counts()].map(([label, pixels]) => `${label} ${pixels} pixels`);
    this.announce(parts.length > 0 ? `Painted: ${parts.join(', ')}.` : 'Nothing is painted.');
  }

  /** Painted pixels per label. */
  private counts(): Map<string, number> {
    const labels = this.labelList();
    const tally = new Array<number>(labels.length + 1).fill(0);
    for (const value of this.mask) tally[value] = (tally[value] ?? 0) + 1;
    const counts = new Map<string, number>();
    labels.forEach((label, i) => {
      const pixels = tally[i + 1] ?? 0;
      if (pixels > 0) counts.set(label, pixels);
    });
    return counts;
  }

  protected imageLoaded(): void {
    this.mask = new Uint8Array(this.imageSize.width * this.imageSize.height);
  }

  override validationMessage(): string {
    if (!this.required || this.counts().size > 0) return '';
    return this.imageStatus === 'failed'
      ? 'The image could not be loaded, so nothing can be labelled.'
      : 'Paint at least one region of the image.';
  }

  override focusProblem(): void {
    this.renderRoot.querySelector<HTMLElement>('input')?.focus();
  }

  /** The mask as a base64 PNG (no `data:` prefix), '' where the browser has no canvas. */
  private pngImageData(): string {
    const { width, height } = this.imageSize;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = width > 0 ? canvas.getContext('2d') : null;
    if (!context) return '';
    const image = context.createImageData(width, height);
    const colours = this.labelList().map((label) => rgb(labelColor(this.labelList(), label)));
    this.mask.forEach((value, i) => {
      const colour = colours[value - 1];
      if (!colour) return;
      image.data.set([...colour, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  }

  answers(): Record<string, unknown> {
    if (!this.name) return {};
    const labelMappings = Object.fromEntries(
      [...this.counts().keys()].map((label) => [
        label,
        { color: labelColor(this.labelList(), label) },
      ]),
    );
    return {
      [this.name]: {
        inputImageProperties: this.inputImageProperties(),
        labelMappings,
        labeledImage: { pngImageData: this.pngImageData() },
      },
    };
  }

  private toolPicker(): TemplateResult {
    const tools: [Tool, string][] = [
      ['brush', 'Brush'],
      ['eraser', 'Eraser'],
    ];
    return html`<fieldset>
      <legend>Tool</legend>
      ${tools.map(
        ([tool, name]) =>
          html`<label class="label-option"
            ><input
              type="radio"
              name="tool"
              .checked=${this.tool === tool}
              @change=${() => {
                this.tool = tool;
              }}
            />${name}</label
          >`,
      )}
    </fieldset>`;
  }

  override render(): TemplateResult {
    const title = this.header || 'Image to label';
    return this.renderShell({
      tools: html`${this.toolPicker()}
        <label class="label-option"
          >Brush size
          <input
            type="range"
            min="2"
            max="80"
            .value=${String(this.brushSize)}
            @input=${(event: Event) => {
              if (event.target instanceof HTMLInputElement)
                this.brushSize = Number(event.target.value);
            }}
        /></label>`,
      onPick: (label) => {
        this.currentLabel = label;
        this.tool = 'brush';
      },
      body: this.renderStage(
        title,
        () =>
          html`<canvas
            class="overlay"
            style="opacity:0.55"
            width=${this.imageSize.width}
            height=${this.imageSize.height}
            aria-label=${`${title}: painting area`}
            role="img"
            @pointerdown=${this.onPointerDown}
            @pointermove=${this.onPointerMove}
            @pointerup=${this.onPointerUp}
            @pointercancel=${this.onPointerUp}
          ></canvas>`,
      ),
      hint:
        'Choose a label and paint over its pixels with the brush; the eraser removes paint. ' +
        'Painting needs a pointer (mouse, pen or touch).',
    });
  }
}

define('crowd-semantic-segmentation', CrowdSemanticSegmentation);

declare global {
  interface HTMLElementTagNameMap {
    'crowd-semantic-segmentation': CrowdSemanticSegmentation;
  }
}
