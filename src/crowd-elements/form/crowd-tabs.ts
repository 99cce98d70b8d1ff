import { css, html, LitElement } from 'lit';
import { define } from '../elements.js';
import { baseStyles, blockStyles } from './shared.js';

/** `<crowd-tab>`: one panel of a crowd-tabs. MTurk's attribute: `header`, the tab's label. */
export class CrowdTab extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding: 12px 0;
      }
    `,
  ];
  static override properties = { header: { type: String } };
  declare header: string;

  constructor() {
    super();
    this.header = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    this.setAttribute('role', 'tabpanel');
  }

  override updated() {
    this.setAttribute('aria-label', this.header);
  }

  override render() {
    return html`<slot></slot>`;
  }
}

/**
 * `<crowd-tabs>`: its crowd-tab children, one shown at a time, chosen from a row of tabs (the
 * WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs; one tab stop).
 */
export class CrowdTabs extends LitElement {
  static override styles = [
    baseStyles,
    blockStyles,
    css`
      [role='tablist'] {
        display: flex;
        overflow-x: auto;
        border-bottom: 1px solid #d1d5db;
      }
      [role='tab'] {
        border: 0;
        border-bottom: 3px solid transparent;
        background: none;
        padding: 8px 16px;
        cursor: pointer;
        white-space: nowrap;
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: #0972d3;
        color: #0972d3;
        font-weight: 600;
      }
    `,
  ];
  static override properties = { selected: { type: Number } };
  declare selected: number;

  constructor() {
    super();
    this.selected = 0;
  }

  tabs(): CrowdTab[] {
    return [...this.children].filter((child): child is CrowdTab => child instanceof CrowdTab);
  }

  select(index: number, focus = false) {
    this.selected = index;
    if (focus) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelectorAll<HTMLElement>('[role="tab"]')[index]?.focus(),
      );
    }
  }

  private onKey(event: KeyboardEvent) {
    const count = this.tabs().length;
    const next = {
      ArrowRight: (this.selected + 1) % count,
      ArrowLeft: (this.selected - 1 + count) % count,
      Home: 0,
      End: count - 1,
    }[event.key];
    if (next === undefined || count === 0) return;
    event.preventDefault();
    this.select(next, true);
  }

  override updated() {
    this.tabs().forEach((tab, index) => {
      tab.hidden = index !== this.selected;
    });
  }

  override render() {
    const tabs = this.tabs();
    return html`<div role="tablist" @keydown=${(event: KeyboardEvent) => this.onKey(event)}>
        ${tabs.map(
          (tab, index) =>
            html`<button
              type="button"
              role="tab"
              aria-selected=${index === this.selected ? 'true' : 'false'}
              tabindex=${index === this.selected ? 0 : -1}
              @click=${() => this.select(index)}
            >
              ${tab.header || `Tab ${index + 1}`}
            </button>`,
        )}
      </div>
      <slot @slotchange=${() => this.requestUpdate()}></slot>`;
  }
}

define('crowd-tab', CrowdTab);
define('crowd-tabs', CrowdTabs);
