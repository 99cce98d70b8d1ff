import { css, html, nothing } from 'lit';
import { announceChange, define } from '../elements.js';
import { FieldElement } from './field-element.js';
import { baseStyles, blockStyles } from './shared.js';

/** How a slider's control is named and described (left out when not given). */
interface ControlNaming {
  part?: string;
  labelledBy?: string;
  label?: string;
  describedBy?: string;
}

/**
 * `<crowd-slider>`: a number chosen on a bar. MTurk's attributes: `name`, `min`, `max`, `step`,
 * `value`, `pin` (show the value), `editable` (a number field beside it), `required`, `disabled`;
 * Tessera adds `label` for screen readers (else the name is read). Answer: `{ [name]: number }`.
 * Required without a starting `value`, the worker must move it at least once.
 */
export class CrowdSlider extends FieldElement {
  static override styles = [
    baseStyles,
    blockStyles,
    css`
      .row {
        display: flex;
        align-items: center;
        gap: 12px;
      }
      input[type='range'] {
        flex: 1;
        min-width: 0;
      }
      input[type='number'] {
        width: 6em;
        padding: 4px;
      }
      output {
        min-width: 3ch;
        font-weight: 600;
      }
    `,
  ];
  static override properties = {
    ...FieldElement.properties,
    min: { type: Number },
    max: { type: Number },
    step: { type: Number },
    value: { type: Number },
    pin: { type: Boolean },
    editable: { type: Boolean },
    label: { type: String },
    moved: { state: true },
  };

  declare min: number;
  declare max: number;
  declare step: number;
  declare value: number | undefined;
  declare pin: boolean;
  declare editable: boolean;
  declare label: string;
  declare moved: boolean;

  constructor() {
    super();
    this.min = 0;
    this.max = 100;
    this.step = 1;
    this.pin = false;
    this.editable = false;
    this.label = '';
    this.moved = false;
  }

  /** Where the knob is: the given value, or the middle of the range as a native range starts. */
  current(): number {
    if (this.value !== undefined && Number.isFinite(this.value))
      return Math.min(this.max, Math.max(this.min, this.value));
    return this.min + Math.round((this.max - this.min) / 2 / this.step) * this.step;
  }

  override answers(): Record<string, unknown> {
    return this.name ? { [this.name]: this.current() } : {};
  }

  override validationMessage(): string {
    if (this.required && this.value === undefined && !this.moved)
      return `${this.label || this.name || 'The slider'}: move the slider to choose a value.`;
    return '';
  }

  protected problemControl() {
    return this.renderRoot.querySelector('input');
  }

  private onInput(event: Event) {
    if (!(event.target instanceof HTMLInputElement)) return;
    const value = Number(event.target.value);
    if (!Number.isFinite(value)) return;
    this.value = value;
    this.moved = true;
    this.problem = '';
  }

  /**
   * A control of the value: the bar, or the number field beside it. Both edit the same value
   * within the same bounds; only how each is named differs.
   */
  private control(type: 'range' | 'number', value: number, naming: ControlNaming) {
    return html`<input
      type=${type}
      part=${naming.part ?? nothing}
      min=${this.min}
      max=${this.max}
      step=${this.step}
      .value=${String(value)}
      ?disabled=${this.disabled}
      aria-labelledby=${naming.labelledBy ?? nothing}
      aria-label=${naming.label ?? nothing}
      aria-describedby=${naming.describedBy ?? nothing}
      @input=${(event: Event) => this.onInput(event)}
      @change=${() => announceChange(this)}
    />`;
  }

  override render() {
    const value = this.current();
    const name = this.label || this.name || 'Value';
    const slider = this.label
      ? { part: 'slider', labelledBy: 'label', describedBy: 'problem' }
      : { part: 'slider', label: name, describedBy: 'problem' };
    return html`${this.label ? html`<span class="label" id="label">${this.label}</span>` : nothing}
      <div class="row">
        ${this.control('range', value, slider)}
        ${this.pin ? html`<output aria-hidden="true">${value}</output>` : nothing}
        ${this.editable ? this.control('number', value, { label: `${name} (number)` }) : nothing}
      </div>
      ${this.problemPart()}`;
  }
}

define('crowd-slider', CrowdSlider);
