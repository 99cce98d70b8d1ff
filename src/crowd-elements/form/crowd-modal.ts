import { css, html, LitElement, type TemplateResult } from 'lit';
import { define } from '../elements.js';
import { baseStyles, blockStyles } from './shared.js';

/**
 * A link or button that opens a modal dialog (focus kept inside, Escape closes, focus returns to
 * the opener — the native <dialog>'s behaviour). MTurk's attributes: `link-text`, `link-type`
 * (`button` or `link`), `title`; `open` shows it at once.
 */
abstract class DialogElement extends LitElement {
  static override styles = [
    baseStyles,
    blockStyles,
    css`
      .link {
        border: 0;
        background: none;
        color: #0972d3;
        text-decoration: underline;
        padding: 8px 0;
        cursor: pointer;
      }
      dialog {
        width: min(760px, 95vw);
        max-height: 90vh;
        border: 0;
        border-radius: 8px;
        padding: 16px 20px;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 40%);
      }
      h2 {
        margin-top: 0;
        font-size: 1.25em;
      }
      .close {
        margin-top: 16px;
      }
    `,
  ];
  static override properties = {
    linkText: { type: String, attribute: 'link-text' },
    linkType: { type: String, attribute: 'link-type' },
    open: { type: Boolean, reflect: true },
  };

  declare linkText: string;
  declare linkType: string;
  declare open: boolean;

  constructor() {
    super();
    this.linkText = '';
    this.linkType = 'link';
    this.open = false;
  }

  protected abstract defaultLinkText: string;
  protected abstract content(): TemplateResult;

  private dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  show() {
    this.open = true;
  }

  hide() {
    this.open = false;
  }

  override updated() {
    const dialog = this.dialog();
    if (!dialog) return;
    if (this.open && !dialog.open) dialog.showModal();
    if (!this.open && dialog.open) dialog.close();
  }

  override render() {
    const heading = this.title || this.defaultLinkText;
    return html`<button
        type="button"
        class=${this.linkType === 'button' ? 'button' : 'link'}
        aria-haspopup="dialog"
        @click=${() => this.show()}
      >
        ${this.linkText || this.defaultLinkText}
      </button>
      <dialog aria-labelledby="heading" @close=${() => this.hide()}>
        <h2 id="heading">${heading}</h2>
        ${this.content()}
        <div class="close">
          <button type="button" class="button primary" @click=${() => this.hide()}>Close</button>
        </div>
      </dialog>`;
  }
}

/** `<crowd-modal>`: its content in a dialog opened from a link or button. */
export class CrowdModal extends DialogElement {
  protected defaultLinkText = 'Open';
  protected content() {
    return html`<slot></slot>`;
  }
}

const SECTIONS = [
  ['short-summary', 'Summary'],
  ['detailed-instructions', 'Instructions'],
  ['positive-example', 'Good example'],
  ['negative-example', 'Bad example'],
] as const;

/**
 * `<crowd-instructions>`: instructions in a dialog, in MTurk's regions `short-summary`,
 * `detailed-instructions`, `positive-example` and `negative-example` (each may appear more than
 * once).
 */
export class CrowdInstructions extends DialogElement {
  static override styles = [
    ...DialogElement.styles,
    css`
      section + section {
        border-top: 1px solid #e5e7eb;
        margin-top: 12px;
      }
      h3 {
        font-size: 1em;
      }
    `,
  ];
  protected defaultLinkText = 'View instructions';

  override firstUpdated() {
    this.assignRegions();
  }

  /** Names each region child's slot, also for children parsed after the first render. */
  private assignRegions() {
    const names: readonly string[] = SECTIONS.map(([name]) => name);
    for (const child of this.children) {
      if (names.includes(child.localName) && child.slot !== child.localName)
        child.slot = child.localName;
    }
    this.requestUpdate();
  }

  private has(region: string) {
    return this.querySelector(`:scope > ${region}`) !== null;
  }

  protected content() {
    return html`${SECTIONS.filter(([region]) => this.has(region)).map(
        ([region, heading]) =>
          html`<section>
            <h3>${heading}</h3>
            <slot name=${region}></slot>
          </section>`,
      )}<slot @slotchange=${() => this.assignRegions()}></slot>`;
  }
}

define('crowd-modal', CrowdModal);
define('crowd-instructions', CrowdInstructions);
