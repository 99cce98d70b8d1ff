import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Size } from './geometry.js';
import { LabelledElement } from './labelled-element.js';

export type ImageStatus = 'loading' | 'loaded' | 'failed';

/**
 * The base of the annotation elements drawn over an image (MTurk's `src`): the image scaled to
 * fit, its natural size once loaded, the layer the worker draws on over it, and what the worker is
 * told when it cannot be loaded.
 */
export abstract class LabelledImageElement extends LabelledElement {
  static override properties = {
    ...LabelledElement.properties,
    src: { type: String },
    imageStatus: { state: true },
    imageSize: { state: true },
  };

  declare src: string;
  declare imageStatus: ImageStatus;
  /** The image's natural size; 0 × 0 until it has loaded. */
  declare imageSize: Size;

  constructor() {
    super();
    this.src = '';
    this.imageStatus = 'loading';
    this.imageSize = { width: 0, height: 0 };
  }

  /** MTurk's `inputImageProperties`: the image's natural size. */
  protected inputImageProperties(): Size {
    return { height: this.imageSize.height, width: this.imageSize.width };
  }

  /** Runs once the image has loaded, with `imageSize` its natural size. */
  protected abstract imageLoaded(): void;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && changed.get('src') !== undefined) this.imageStatus = 'loading';
    super.willUpdate(changed);
  }

  private readonly onImageLoad = (event: Event): void => {
    if (!(event.target instanceof HTMLImageElement)) return;
    this.imageSize = { width: event.target.naturalWidth, height: event.target.naturalHeight };
    this.imageStatus = 'loaded';
    this.imageLoaded();
  };

  private readonly onImageError = (): void => {
    this.imageStatus = 'failed';
    this.announce('The image could not be loaded.');
  };

  /** The image named `title`, with `layer()` over it once it has loaded. */
  protected renderStage(title: string, layer: () => TemplateResult): TemplateResult {
    return html`
      ${
        this.imageStatus === 'failed'
          ? html`<p class="problem" role="alert">
              The image could not be loaded${this.src ? html` (${this.src})` : nothing}. Tell the
              requester, or return the task.
            </p>`
          : nothing
      }
      <div class="stage">
        <img src=${this.src} alt=${title} @load=${this.onImageLoad} @error=${this.onImageError} />
        ${this.imageStatus === 'loaded' ? layer() : nothing}
      </div>
    `;
  }
}
