import { css, html, LitElement, nothing } from 'lit';
import { iconGlyph } from './icons.js';
import { define } from '../elements.js';
import { baseStyles, blockStyles, inlineStyles } from './shared.js';

const ALERT_COLOURS: Record<string, string> = {
  success: '#037f0c',
  error: '#b3261e',
  warning: '#8d6605',
  info: '#0972d3',
};

/**
 * `<crowd-alert>`: a message box. MTurk's attributes: `type` (`success`, `error`, `warning`,
 * `info`) and `dismissible`. Errors and warnings are announced at once; the others politely.
 */
export class CrowdAlert extends LitElement {
  static override styles = [
    baseStyles,
    blockStyles,
    css`
      .box {
        display: flex;
        align-items: flex-start;
        gap: 8px;
        padding: 8px 12px;
        border-left: 4px solid var(--colour);
        background: #f8f8f8;
        border-radius: 4px;
      }
      .text {
        flex: 1;
        padding: 10px 0;
      }
      button {
        border: 0;
        background: none;
        min-width: 44px;
        cursor: pointer;
      }
    `,
  ];
  static override properties = {
    type: { type: String },
    dismissible: { type: Boolean },
    dismissed: { state: true },
  };

  declare type: string;
  declare dismissible: boolean;
  declare dismissed: boolean;

  constructor() {
    super();
    this.type = 'info';
    this.dismissible = false;
    this.dismissed = false;
  }

  override render() {
    if (this.dismissed) return nothing;
    const urgent = this.type === 'error' || this.type === 'warning';
    return html`<div
      class="box"
      part="alert"
      role=${urgent ? 'alert' : 'status'}
      style=${`--colour: ${ALERT_COLOURS[this.type] ?? ALERT_COLOURS.info}`}
    >
      <div class="text"><slot></slot></div>
      ${
        this.dismissible
          ? html`<button type="button" aria-label="Dismiss" @click=${() => (this.dismissed = true)}>
              ✕
            </button>`
          : nothing
      }
    </div>`;
  }
}

/** `<crowd-badge>`: a small label. MTurk's attributes: `label`, `icon`, `for` (what it marks). */
export class CrowdBadge extends LitElement {
  static override styles = [
    baseStyles,
    inlineStyles,
    css`
      span {
        display: inline-flex;
        gap: 4px;
        align-items: center;
        padding: 2px 8px;
        border-radius: 999px;
        background: #0972d3;
        color: #fff;
        font-size: 0.85em;
      }
    `,
  ];
  static override properties = { label: { type: String }, icon: { type: String } };
  declare label: string;
  declare icon: string;

  constructor() {
    super();
    this.label = '';
    this.icon = '';
  }

  override render() {
    return html`<span part="badge"
      >${this.icon ? html`<span aria-hidden="true">${iconGlyph(this.icon)}</span>` : nothing}${
        this.label
      }<slot></slot
    ></span>`;
  }
}

/** `<crowd-card>`: a box of content. MTurk's attributes: `heading` and `image` (its address). */
export class CrowdCard extends LitElement {
  static override styles = [
    baseStyles,
    blockStyles,
    css`
      :host {
        border: 1px solid #d1d5db;
        border-radius: 8px;
        overflow: hidden;
        background: #fff;
      }
      img {
        display: block;
        max-width: 100%;
        height: auto;
      }
      h3 {
        margin: 12px 16px 0;
        font-size: 1.1em;
      }
      .content {
        padding: 12px 16px;
      }
    `,
  ];
  static override properties = { heading: { type: String }, image: { type: String } };
  declare heading: string;
  declare image: string;

  constructor() {
    super();
    this.heading = '';
    this.image = '';
  }

  override render() {
    return html`${this.image ? html`<img src=${this.image} alt="" />` : nothing}
      ${this.heading ? html`<h3>${this.heading}</h3>` : nothing}
      <div class="content"><slot></slot></div>`;
  }
}

/**
 * `<crowd-icon-button>`: a button showing only an icon. MTurk's attributes: `icon`, `disabled`;
 * its accessible name is `aria-label` or `title` when given, else the icon's name.
 */
export class CrowdIconButton extends LitElement {
  static override styles = [
    baseStyles,
    inlineStyles,
    css`
      button {
        min-width: 44px;
        border: 1px solid #d1d5db;
        border-radius: 50%;
        background: #fff;
        cursor: pointer;
      }
    `,
  ];
  static override properties = {
    icon: { type: String },
    disabled: { type: Boolean, reflect: true },
  };
  declare icon: string;
  declare disabled: boolean;

  constructor() {
    super();
    this.icon = '';
    this.disabled = false;
  }

  override render() {
    const name = this.getAttribute('aria-label') || this.title || this.icon || 'Button';
    return html`<button type="button" part="button" aria-label=${name} ?disabled=${this.disabled}>
      <span aria-hidden="true">${iconGlyph(this.icon)}</span>
    </button>`;
  }
}

define('crowd-alert', CrowdAlert);
define('crowd-badge', CrowdBadge);
define('crowd-card', CrowdCard);
define('crowd-icon-button', CrowdIconButton);
