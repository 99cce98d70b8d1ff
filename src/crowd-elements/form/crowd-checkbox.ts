import { css, html, nothing } from 'lit';
import { announceChange, define } from '../elements.js';
import { FieldElement } from './field-element.js';
import { baseStyles, inlineStyles } from './shared.js';

/** Shared by crowd-checkbox and crowd-toggle-button: one on/off answer. */
abstract class OnOffElement extends FieldElement {
  static override properties = {
    ...FieldElement.properties,
    checked: { type: Boolean, reflect: true },
    value: { type: String },
  };

  declare checked: boolean;
  declare value: string;

  constructor() {
    super();
    this.checked = false;
    this.value = '';
  }

  /** MTurk's shape: `{ [name]: { [value || "on"]: checked } }`. */
  override answers(): Record<string, unknown> {
    return this.name ? { [this.name]: { [this.value || 'on']: this.checked } } : {};
  }

  override validationMessage(): string {
    const named = this.textContent?.trim() || this.name || 'This box';
    return this.required && !this.checked ? `${named}: must be checked.` : '';
  }

  protected problemControl() {
    return this.renderRoot.querySelector<HTMLElement>('input, button');
  }

  protected toggle(checked: boolean) {
    if (this.disabled) return;
    this.checked = checked;
    if (this.problem) this.problem = this.validationMessage();
    announceChange(this);
  }
}

/**
 * `<crowd-checkbox>`: a box to tick, labelled by its content. MTurk's attributes: `name`,
 * `checked`, `value`, `required`, `disabled`. Answer: `{ [name]: { [value || "on"]: boolean } }`.
 */
export class CrowdCheckbox extends OnOffElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin: 4px 0;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        min-height: 44px;
        cursor: pointer;
      }
      input {
        width: 20px;
        height: 20px;
        min-height: 0;
        margin: 0;
      }
    `,
  ];

  override render() {
    return html`<label
        ><input
          type="checkbox"
          part="checkbox"
          .checked=${this.checked}
          ?disabled=${this.disabled}
          ?required=${this.required}
          aria-describedby="problem"
          @change=${(event: Event) =>
            event.target instanceof HTMLInputElement &&
            this.toggle(event.target.checked)} /><slot></slot
      ></label>
      ${this.problemPart()}`;
  }
}

/**
 * `<crowd-toggle-button>`: an on/off switch. MTurk's attributes: `name`, `checked`, `value`,
 * `required`, `disabled`, `invalid`. Answer: `{ [name]: { [value || "on"]: boolean } }`.
 */
export class CrowdToggleButton extends OnOffElement {
  static override styles = [
    baseStyles,
    inlineStyles,
    css`
      button {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        border: 0;
        background: none;
        padding: 0 4px;
        cursor: pointer;
      }
      .track {
        width: 40px;
        height: 22px;
        border-radius: 11px;
        background: #7d8998;
        position: relative;
      }
      .track::after {
        content: '';
        position: absolute;
        top: 3px;
        left: 3px;
        width: 16px;
        height: 16px;
        border-radius: 50%;
        background: #fff;
        transition: left 0.1s;
      }
      [aria-checked='true'] .track {
        background: #0972d3;
      }
      [aria-checked='true'] .track::after {
        left: 21px;
      }
    `,
  ];

  override render() {
    return html`<button
        type="button"
        role="switch"
        part="toggle"
        aria-checked=${this.checked ? 'true' : 'false'}
        aria-label=${this.textContent?.trim() ? nothing : this.name || 'Toggle'}
        aria-describedby="problem"
        ?disabled=${this.disabled}
        @click=${() => this.toggle(!this.checked)}
      >
        <span class="track"></span><slot></slot>
      </button>
      ${this.problemPart()}`;
  }
}

define('crowd-checkbox', CrowdCheckbox);
define('crowd-toggle-button', CrowdToggleButton);
