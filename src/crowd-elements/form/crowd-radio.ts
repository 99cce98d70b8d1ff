import { css, html, LitElement } from 'lit';
import { announceChange, define } from '../elements.js';
import { FieldElement } from './field-element.js';
import { baseStyles, blockStyles } from './shared.js';

/**
 * `<crowd-radio-button>`: one choice of a crowd-radio-group, labelled by its content. MTurk's
 * attributes: `name`, `value`, `checked`, `disabled`. It gives no answer itself: its group does.
 */
export class CrowdRadioButton extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 8px;
        min-height: 44px;
        cursor: pointer;
      }
      :host([disabled]) {
        opacity: 0.5;
        cursor: not-allowed;
      }
      .dot {
        flex: none;
        width: 20px;
        height: 20px;
        border-radius: 50%;
        border: 2px solid #5f6b7a;
        display: grid;
        place-items: center;
      }
      :host([checked]) .dot {
        border-color: #0972d3;
      }
      :host([checked]) .dot::after {
        content: '';
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: #0972d3;
      }
      :host(:focus-visible) {
        outline: 3px solid #0972d3;
        outline-offset: 2px;
      }
    `,
  ];
  static override properties = {
    name: { type: String, reflect: true },
    value: { type: String },
    checked: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
  };

  declare name: string;
  declare value: string;
  declare checked: boolean;
  declare disabled: boolean;

  constructor() {
    super();
    this.name = '';
    this.value = '';
    this.checked = false;
    this.disabled = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.setAttribute('role', 'radio');
  }

  override updated() {
    this.setAttribute('aria-checked', String(this.checked));
    this.toggleAttribute('aria-disabled', this.disabled);
  }

  override render() {
    return html`<span class="dot" aria-hidden="true"></span><slot></slot>`;
  }
}

/**
 * `<crowd-radio-group>`: crowd-radio-buttons of which one may be chosen, with the arrow keys
 * moving the choice (one tab stop, as for native radios). Answer, as MTurk's:
 * `{ [button name]: { [button value]: checked }, … }` for every button (a button without a
 * name is counted under the group's).
 */
export class CrowdRadioGroup extends FieldElement {
  static override styles = [baseStyles, blockStyles];

  constructor() {
    super();
    this.addEventListener('click', (event) => {
      const button = this.buttonOf(event.target);
      if (button) this.choose(button);
    });
    this.addEventListener('keydown', (event) => this.onKey(event));
  }

  override connectedCallback() {
    super.connectedCallback();
    this.setAttribute('role', 'radiogroup');
  }

  buttons(): CrowdRadioButton[] {
    return [...this.querySelectorAll('crowd-radio-button')].filter(
      (button): button is CrowdRadioButton => button instanceof CrowdRadioButton,
    );
  }

  private buttonOf(target: EventTarget | null): CrowdRadioButton | undefined {
    const button = target instanceof Element ? target.closest('crowd-radio-button') : null;
    return button instanceof CrowdRadioButton && !button.disabled ? button : undefined;
  }

  choose(chosen: CrowdRadioButton) {
    if (this.disabled || chosen.disabled) return;
    for (const button of this.buttons()) button.checked = button === chosen;
    this.updateTabStops();
    chosen.focus();
    if (this.problem) this.problem = this.validationMessage();
    announceChange(this);
  }

  private onKey(event: KeyboardEvent) {
    const enabled = this.buttons().filter((button) => !button.disabled);
    const current = this.buttonOf(event.target);
    if (!current) return;
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
    if (step !== undefined) {
      const index = (enabled.indexOf(current) + step + enabled.length) % enabled.length;
      const next = enabled[index];
      if (next) this.choose(next);
      event.preventDefault();
    } else if (event.key === ' ' || event.key === 'Enter') {
      this.choose(current);
      event.preventDefault();
    }
  }

  override firstUpdated() {
    this.updateTabStops();
  }

  /** The chosen button, or else the first, is the group's one tab stop. */
  private updateTabStops() {
    const buttons = this.buttons();
    const stop = buttons.find((b) => b.checked && !b.disabled) ?? buttons.find((b) => !b.disabled);
    for (const button of buttons) button.tabIndex = button === stop ? 0 : -1;
  }

  override answers(): Record<string, unknown> {
    const answers: Record<string, unknown> = {};
    for (const button of this.buttons()) {
      const name = button.name || this.name;
      if (!name) continue;
      const previous = answers[name];
      answers[name] = {
        ...(typeof previous === 'object' ? previous : {}),
        [button.value || 'on']: button.checked,
      };
    }
    return answers;
  }

  override validationMessage(): string {
    return this.required && !this.buttons().some((button) => button.checked)
      ? 'Choose one of the options.'
      : '';
  }

  protected problemControl() {
    return this.buttons().find((button) => !button.disabled);
  }

  override render() {
    return html`<slot @slotchange=${() => this.updateTabStops()}></slot> ${this.problemPart(true)}`;
  }
}

define('crowd-radio-button', CrowdRadioButton);
define('crowd-radio-group', CrowdRadioGroup);
