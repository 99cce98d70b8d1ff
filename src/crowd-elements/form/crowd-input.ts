import { css, html, nothing } from 'lit';
import { html as staticHtml, literal } from 'lit/static-html.js';
import { announceChange, define } from '../elements.js';
import { FieldElement } from './field-element.js';
import { baseStyles, blockStyles } from './shared.js';

/** The two text controls: the tag to render and its end tag (an input, a void element, has none). */
const CONTROLS = {
  input: { tag: literal`input`, end: literal`` },
  textarea: { tag: literal`textarea`, end: literal`</textarea>` },
};

/** The attributes only one of the two controls has; left out, they are not rendered. */
interface ControlOnly {
  type?: string;
  name?: string;
  rows?: number;
  minLength?: number;
}

/** Shared by crowd-input and crowd-text-area: a labelled text field and its checks. */
abstract class TextField extends FieldElement {
  static override styles = [
    baseStyles,
    blockStyles,
    css`
      input,
      textarea {
        width: 100%;
        padding: 8px;
        border: 1px solid #7d8998;
        border-radius: 6px;
      }
      [aria-invalid='true'] {
        border-color: #b3261e;
      }
      .counter {
        font-size: 0.85em;
        color: #5f6b7a;
      }
    `,
  ];
  static override properties = {
    ...FieldElement.properties,
    label: { type: String },
    placeholder: { type: String },
    value: { type: String },
    maxLength: { type: Number, attribute: 'max-length' },
    minLength: { type: Number, attribute: 'min-length' },
    errorMessage: { type: String, attribute: 'error-message' },
    autoFocus: { type: Boolean, attribute: 'auto-focus' },
  };

  declare label: string;
  declare placeholder: string;
  declare value: string;
  declare maxLength: number | undefined;
  declare minLength: number | undefined;
  declare errorMessage: string;
  declare autoFocus: boolean;

  constructor() {
    super();
    this.label = '';
    this.placeholder = '';
    this.value = '';
    this.errorMessage = '';
    this.autoFocus = false;
  }

  override firstUpdated() {
    if (this.autoFocus) this.field()?.focus();
  }

  protected field(): HTMLInputElement | HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('input, textarea');
  }

  override answers(): Record<string, unknown> {
    return this.name ? { [this.name]: this.value } : {};
  }

  override validationMessage(): string {
    const named = this.label || this.placeholder || this.name || 'This field';
    if (this.required && this.value.trim() === '') return `${named} is required.`;
    const length = [...this.value].length;
    if (this.minLength !== undefined && length > 0 && length < this.minLength)
      return this.errorMessage || `${named} needs at least ${this.minLength} characters.`;
    const field = this.field();
    if (field && !field.checkValidity())
      return this.errorMessage || `${named}: ${field.validationMessage}`;
    return '';
  }

  protected problemControl() {
    return this.field();
  }

  protected onInput(event: Event) {
    const field = event.target;
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
      this.value = field.value;
      // A shown problem follows the worker's typing; a new one waits for the next submit.
      if (this.problem) this.problem = this.validationMessage();
    }
  }

  protected onChange() {
    announceChange(this);
  }

  protected labelPart() {
    return this.label ? html`<label class="label" for="field">${this.label}</label>` : nothing;
  }

  /** The text control, with the bindings an input and a textarea share (its part is its tag). */
  protected controlPart(kind: keyof typeof CONTROLS, describedBy: string, only: ControlOnly) {
    const { tag, end } = CONTROLS[kind];
    return staticHtml`<${tag}
        id="field"
        part=${kind}
        type=${only.type ?? nothing}
        name=${only.name ?? nothing}
        rows=${only.rows ?? nothing}
        .value=${this.value}
        placeholder=${this.placeholder || nothing}
        aria-label=${this.label ? nothing : this.placeholder || this.name || nothing}
        ?required=${this.required}
        ?disabled=${this.disabled}
        maxlength=${this.maxLength ?? nothing}
        minlength=${only.minLength ?? nothing}
        aria-invalid=${this.problem ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${(event: Event) => this.onInput(event)}
        @change=${() => this.onChange()}
      >${end}`;
  }
}

/**
 * `<crowd-input>`: one line of text (or a number, email, URL …). MTurk's attributes: `label`,
 * `name`, `placeholder`, `type`, `value`, `required`, `disabled`, `max-length`, `min-length`,
 * `allowed-pattern` (characters that may be typed), `error-message`, `auto-focus`,
 * `auto-validate`. Answer: `{ [name]: "text" }`.
 */
export class CrowdInput extends TextField {
  static override properties = {
    ...TextField.properties,
    type: { type: String },
    allowedPattern: { type: String, attribute: 'allowed-pattern' },
    autoValidate: { type: Boolean, attribute: 'auto-validate' },
  };

  declare type: string;
  declare allowedPattern: string;
  declare autoValidate: boolean;

  constructor() {
    super();
    this.type = 'text';
    this.allowedPattern = '';
    this.autoValidate = false;
  }

  /** Drops typed characters the `allowed-pattern` does not allow, as Amazon's element does. */
  private allowed(text: string): string {
    if (!this.allowedPattern) return text;
    try {
      const pattern = new RegExp(`^(?:${this.allowedPattern})$`, 'u');
      return [...text].filter((ch) => pattern.test(ch)).join('');
    } catch {
      return text;
    }
  }

  protected override onInput(event: Event) {
    const field = event.target;
    if (field instanceof HTMLInputElement && this.allowedPattern) {
      const allowed = this.allowed(field.value);
      if (allowed !== field.value) field.value = allowed;
    }
    super.onInput(event);
    if (this.autoValidate) this.problem = this.validationMessage();
  }

  override render() {
    const control = this.controlPart('input', 'problem', {
      type: this.type || 'text',
      name: this.name || undefined,
      minLength: this.minLength,
    });
    return html`${this.labelPart()}${control}${this.problemPart()}`;
  }
}

/**
 * `<crowd-text-area>`: several lines of text. MTurk's attributes: `label`, `name`, `placeholder`,
 * `value`, `rows`, `max-rows`, `max-length`, `char-counter`, `required`, `disabled`.
 * Answer: `{ [name]: "text" }`.
 */
export class CrowdTextArea extends TextField {
  static override properties = {
    ...TextField.properties,
    rows: { type: Number },
    maxRows: { type: Number, attribute: 'max-rows' },
    charCounter: { type: Boolean, attribute: 'char-counter' },
  };

  declare rows: number;
  declare maxRows: number | undefined;
  declare charCounter: boolean;

  constructor() {
    super();
    this.rows = 3;
    this.charCounter = false;
  }

  override render() {
    const count = [...this.value].length;
    const control = this.controlPart('textarea', 'problem counter', {
      rows: Math.min(this.rows, this.maxRows ?? this.rows),
    });
    return html`${this.labelPart()}${control}
    ${
      this.charCounter
        ? html`<div class="counter" id="counter" aria-live="polite">
            ${this.maxLength ? `${count} / ${this.maxLength}` : count} characters
          </div>`
        : nothing
    }${this.problemPart()}`;
  }
}

define('crowd-input', CrowdInput);
define('crowd-text-area', CrowdTextArea);
