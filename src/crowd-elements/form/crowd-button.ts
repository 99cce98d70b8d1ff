import { css, html, LitElement, nothing } from 'lit';
import { define } from '../elements.js';
import { baseStyles, inlineStyles } from './shared.js';
import { iconGlyph } from './icons.js';

/** Only these addresses may be opened by a button's `href`: never `javascript:`. */
function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

type FormLike = HTMLElement & { submit: () => void; reset: () => void };

function isFormLike(element: Element | null): element is FormLike {
  return (
    element !== null &&
    'submit' in element &&
    typeof element.submit === 'function' &&
    'reset' in element &&
    typeof element.reset === 'function'
  );
}

/**
 * `<crowd-button>`: MTurk's attributes `disabled`, `form-action` (`submit` or `reset` of the
 * enclosing crowd-form), `href` and `target` (a link styled as a button), `icon`, `icon-url`,
 * `icon-align`, `loading`, `variant` (`primary`, `normal`, `link`, `icon`). Its label is its content.
 */
export class CrowdButton extends LitElement {
  static override styles = [
    baseStyles,
    inlineStyles,
    css`
      .link {
        border: 0;
        background: none;
        text-decoration: underline;
        padding: 8px 4px;
      }
      img {
        width: 1.2em;
        height: 1.2em;
      }
    `,
  ];
  static override properties = {
    disabled: { type: Boolean, reflect: true },
    formAction: { type: String, attribute: 'form-action' },
    href: { type: String },
    target: { type: String },
    icon: { type: String },
    iconUrl: { type: String, attribute: 'icon-url' },
    iconAlign: { type: String, attribute: 'icon-align' },
    loading: { type: Boolean },
    variant: { type: String },
  };

  declare disabled: boolean;
  declare formAction: string;
  declare href: string;
  declare target: string;
  declare icon: string;
  declare iconUrl: string;
  declare iconAlign: string;
  declare loading: boolean;
  declare variant: string;

  constructor() {
    super();
    this.disabled = false;
    this.formAction = '';
    this.href = '';
    this.target = '';
    this.icon = '';
    this.iconUrl = '';
    this.iconAlign = 'left';
    this.loading = false;
    this.variant = 'normal';
  }

  private act() {
    if (this.disabled || this.loading) return;
    const form = this.closest('crowd-form');
    if (!isFormLike(form)) return;
    if (this.formAction === 'submit') form.submit();
    else if (this.formAction === 'reset') form.reset();
  }

  private iconPart() {
    if (this.iconUrl) return html`<img src=${this.iconUrl} alt="" />`;
    return this.icon ? html`<span aria-hidden="true">${iconGlyph(this.icon)}</span>` : nothing;
  }

  override render() {
    const kind = `button ${this.variant === 'primary' ? 'primary' : ''} ${this.variant === 'link' ? 'link' : ''}`;
    const icon = this.iconPart();
    const content =
      this.iconAlign === 'right' ? html`<slot></slot>${icon}` : html`${icon}<slot></slot>`;
    const href = this.href ? safeHref(this.href) : undefined;
    if (href && !this.disabled) {
      return html`<a
        class=${kind}
        part="button"
        href=${href}
        target=${this.target || nothing}
        rel="noopener"
        >${content}</a
      >`;
    }
    return html`<button
      class=${kind}
      part="button"
      type="button"
      ?disabled=${this.disabled}
      aria-busy=${this.loading ? 'true' : 'false'}
      @click=${() => this.act()}
    >
      ${content}
    </button>`;
  }
}

define('crowd-button', CrowdButton);
