import { css, html, nothing, type TemplateResult } from 'lit';
import { announceChange, define } from '../elements.js';
import { FieldElement } from './field-element.js';
import { baseStyles, blockStyles, isTyping, parseList } from './shared.js';

/** The child elements MTurk's classifiers place in their regions, by tag name. */
const REGIONS = ['classification-target', 'short-instructions', 'full-instructions'];
const CLASSIFIERS = 'crowd-classifier, crowd-image-classifier';

/**
 * What crowd-classifier and crowd-image-classifier share: a header, the thing to classify, one
 * category to choose (native radios: arrow keys move, one tab stop), keys 1–9 choosing a category
 * when no field has the focus, and short and full instructions. Answer, as MTurk's:
 * `{ [name]: { label: "<category>" } }`. A category must be chosen before submitting.
 */
abstract class Classifier extends FieldElement {
  static override styles = [
    baseStyles,
    blockStyles,
    css`
      h2 {
        font-size: 1.2em;
        margin: 0 0 12px;
      }
      .layout {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
      }
      .target {
        flex: 2 1 320px;
        min-width: 0;
      }
      .target img {
        max-width: 100%;
        height: auto;
      }
      aside {
        flex: 1 1 220px;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0;
      }
      label {
        display: flex;
        align-items: center;
        gap: 8px;
        min-height: 44px;
        padding: 0 8px;
        border: 1px solid #d1d5db;
        border-radius: 6px;
        margin-bottom: 6px;
        cursor: pointer;
      }
      label:has(input:checked) {
        border-color: #0972d3;
        background: #f0f7ff;
      }
      input {
        min-height: 0;
        margin: 0;
      }
      kbd {
        margin-left: auto;
        font-size: 0.8em;
        color: #5f6b7a;
        border: 1px solid #d1d5db;
        border-radius: 4px;
        padding: 0 5px;
      }
      dialog {
        max-width: min(720px, 95vw);
        max-height: 90vh;
      }
      .hint {
        font-size: 0.85em;
        color: #5f6b7a;
      }
    `,
  ];
  static override properties = {
    ...FieldElement.properties,
    categories: { type: String },
    header: { type: String },
    label: { state: true },
    hasFull: { state: true },
  };

  declare categories: string;
  declare header: string;
  /** The chosen category, '' while none is. */
  declare label: string;
  declare hasFull: boolean;

  private readonly onShortcut = (event: KeyboardEvent) => this.shortcut(event);

  constructor() {
    super();
    this.categories = '';
    this.header = '';
    this.label = '';
    this.hasFull = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('keydown', this.onShortcut);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onShortcut);
  }

  categoryList(): string[] {
    return parseList(this.categories);
  }

  choose(label: string) {
    if (this.disabled || !this.categoryList().includes(label)) return;
    this.label = label;
    this.problem = '';
    announceChange(this);
  }

  /** Keys 1–9 choose for the classifier holding the focus, or else the page's first one. */
  private shortcut(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
    const index = Number(event.key) - 1;
    if (!Number.isInteger(index) || index < 0 || index > 8) return;
    const focused = document.activeElement?.closest(CLASSIFIERS);
    if ((focused ?? document.querySelector(CLASSIFIERS)) !== this) return;
    const category = this.categoryList()[index];
    if (category === undefined) return;
    this.choose(category);
    event.preventDefault();
  }

  override answers(): Record<string, unknown> {
    return this.name && this.label ? { [this.name]: { label: this.label } } : {};
  }

  override validationMessage(): string {
    return this.label ? '' : `${this.header || 'Classify this item'}: choose a category.`;
  }

  protected problemControl() {
    return this.renderRoot.querySelector('input');
  }

  override firstUpdated() {
    this.assignRegions();
  }

  /** Puts MTurk's region elements into their slots, also those parsed after the first render. */
  private assignRegions() {
    for (const child of this.children) {
      const region = child.localName;
      if (REGIONS.includes(region) && child.slot !== region) child.slot = region;
    }
    this.hasFull = this.querySelector(':scope > full-instructions') !== null;
  }

  private fullHeader(): string {
    return (
      this.querySelector(':scope > full-instructions')?.getAttribute('header') || 'Instructions'
    );
  }

  protected abstract target(): TemplateResult;

  override render() {
    const categories = this.categoryList();
    return html`<h2 id="header">${this.header}</h2>
      <div class="layout">
        <div class="target">${this.target()}</div>
        <aside>
          <fieldset aria-labelledby="header" aria-describedby="problem" ?disabled=${this.disabled}>
            ${categories.map(
              (category, index) =>
                html`<label
                  ><input
                    type="radio"
                    name="category"
                    .value=${category}
                    .checked=${this.label === category}
                    @change=${() => this.choose(category)}
                  />${category}${
                    index < 9 ? html`<kbd aria-hidden="true">${index + 1}</kbd>` : nothing
                  }</label
                >`,
            )}
          </fieldset>
          ${this.problemPart(true)}
          ${
            categories.length > 1
              ? html`<p class="hint">
                  Keys 1–${Math.min(9, categories.length)} choose a category.
                </p>`
              : nothing
          }
          <slot name="short-instructions"></slot>
          ${
            this.hasFull
              ? html`<button
                  type="button"
                  class="button"
                  @click=${() => this.renderRoot.querySelector('dialog')?.showModal()}
                >
                  View full instructions
                </button>`
              : nothing
          }
        </aside>
      </div>
      <dialog aria-labelledby="full-header">
        <h2 id="full-header">${this.fullHeader()}</h2>
        <slot name="full-instructions"></slot>
        <button
          type="button"
          class="button primary"
          @click=${() => this.renderRoot.querySelector('dialog')?.close()}
        >
          Close
        </button>
      </dialog>
      <slot @slotchange=${() => this.assignRegions()}></slot>`;
  }
}

/**
 * `<crowd-classifier>`: MTurk's attributes `name`, `categories` (a JSON array), `header`; regions
 * `classification-target`, `short-instructions`, `full-instructions` (its `header`).
 */
export class CrowdClassifier extends Classifier {
  protected target() {
    return html`<slot name="classification-target"></slot>`;
  }
}

/** `<crowd-image-classifier>`: a classifier of the image at `src` (MTurk's attributes). */
export class CrowdImageClassifier extends Classifier {
  static override properties = { ...Classifier.properties, src: { type: String } };
  declare src: string;

  constructor() {
    super();
    this.src = '';
  }

  protected target() {
    return html`<img src=${this.src} alt=${this.header || 'The image to classify'} />`;
  }
}

define('crowd-classifier', CrowdClassifier);
define('crowd-image-classifier', CrowdImageClassifier);
