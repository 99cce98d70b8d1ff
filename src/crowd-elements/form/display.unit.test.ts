// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import './index.js';
import { CrowdButton } from './crowd-button.js';
import { CrowdAlert, CrowdBadge, CrowdCard, CrowdIconButton } from './crowd-display.js';
import { CrowdInstructions, CrowdModal } from './crowd-modal.js';
import { CrowdTab, CrowdTabs } from './crowd-tabs.js';
import { get, inner, mount, press, settle } from './test-helpers.js';

describe('crowd-button', () => {
  it('is a button labelled by its content, or a link only to http(s) addresses', async () => {
    await mount(`<crowd-button variant="primary" icon="check">Done</crowd-button>
      <crowd-button id="link" href="https://example.test/help" target="_blank">Help</crowd-button>
      <crowd-button id="script" href="javascript:alert(1)">Bad</crowd-button>`);
    const primary = inner(get('crowd-button', CrowdButton), 'button', HTMLButtonElement);
    expect(primary.className).toContain('primary');
    expect(inner(get('#link', CrowdButton), 'a', HTMLAnchorElement).href).toBe(
      'https://example.test/help',
    );
    expect(get('#script', CrowdButton).shadowRoot?.querySelector('a')).toBeNull();
  });
});

describe('crowd-alert, crowd-badge, crowd-card, crowd-icon-button', () => {
  it('announce errors at once and can be dismissed', async () => {
    await mount('<crowd-alert type="error" dismissible>Broken image</crowd-alert>');
    const alert = get('crowd-alert', CrowdAlert);
    expect(inner(alert, '[part="alert"]', HTMLDivElement).getAttribute('role')).toBe('alert');
    inner(alert, 'button', HTMLButtonElement).click();
    await settle();
    expect(alert.shadowRoot?.querySelector('[part="alert"]')).toBeNull();
  });

  it('render their attributes', async () => {
    await mount(`<crowd-alert type="success">Saved</crowd-alert>
      <crowd-badge label="New" icon="star"></crowd-badge>
      <crowd-card heading="A photo" image="https://example.test/p.jpg">Body</crowd-card>
      <crowd-icon-button icon="close"></crowd-icon-button>`);
    expect(
      inner(get('crowd-alert', CrowdAlert), '[part="alert"]', HTMLDivElement).getAttribute('role'),
    ).toBe('status');
    expect(get('crowd-badge', CrowdBadge).shadowRoot?.textContent).toContain('New');
    const card = get('crowd-card', CrowdCard);
    expect(inner(card, 'h3', HTMLHeadingElement).textContent).toBe('A photo');
    expect(inner(card, 'img', HTMLImageElement).getAttribute('src')).toBe(
      'https://example.test/p.jpg',
    );
    expect(
      inner(get('crowd-icon-button', CrowdIconButton), 'button', HTMLButtonElement).getAttribute(
        'aria-label',
      ),
    ).toBe('close');
  });
});

describe('crowd-modal and crowd-instructions', () => {
  it('open a labelled dialog from their link and close it', async () => {
    await mount('<crowd-modal link-text="Read me" title="Details"><p>Text</p></crowd-modal>');
    const modal = get('crowd-modal', CrowdModal);
    const opener = inner(modal, 'button[aria-haspopup="dialog"]', HTMLButtonElement);
    expect(opener.textContent?.trim()).toBe('Read me');
    opener.click();
    await settle();
    const dialog = inner(modal, 'dialog', HTMLDialogElement);
    expect(dialog.open).toBe(true);
    expect(inner(modal, '#heading', HTMLHeadingElement).textContent).toBe('Details');
    inner(modal, '.close button', HTMLButtonElement).click();
    await settle();
    expect(dialog.open).toBe(false);
  });

  it('crowd-instructions places MTurk’s regions under their headings', async () => {
    await mount(`<crowd-instructions link-text="Instructions" link-type="button">
      <short-summary>Short</short-summary>
      <detailed-instructions>Long</detailed-instructions>
      <positive-example>Good</positive-example>
      <negative-example>Bad</negative-example>
    </crowd-instructions>`);
    const instructions = get('crowd-instructions', CrowdInstructions);
    await settle();
    expect(instructions.querySelector('negative-example')?.slot).toBe('negative-example');
    const headings = [...(instructions.shadowRoot?.querySelectorAll('h3') ?? [])].map(
      (h) => h.textContent,
    );
    expect(headings).toEqual(['Summary', 'Instructions', 'Good example', 'Bad example']);
    expect(inner(instructions, 'button', HTMLButtonElement).className).toBe('button');
  });
});

describe('crowd-tabs', () => {
  it('shows one tab at a time, chosen by click or the arrow keys', async () => {
    await mount(`<crowd-tabs>
      <crowd-tab header="First">One</crowd-tab>
      <crowd-tab header="Second">Two</crowd-tab>
    </crowd-tabs>`);
    const tabs = get('crowd-tabs', CrowdTabs);
    const [first, second] = [...document.querySelectorAll('crowd-tab')].filter(
      (tab): tab is CrowdTab => tab instanceof CrowdTab,
    );
    await settle();
    const buttons = [...(tabs.shadowRoot?.querySelectorAll('[role="tab"]') ?? [])];
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['First', 'Second']);
    expect([first?.hidden, second?.hidden]).toEqual([false, true]);
    expect(second?.getAttribute('role')).toBe('tabpanel');
    press(inner(tabs, '[role="tablist"]', HTMLDivElement), 'ArrowRight');
    await settle();
    expect([first?.hidden, second?.hidden]).toEqual([true, false]);
    expect(buttons[1]?.getAttribute('aria-selected')).toBe('true');
  });
});
