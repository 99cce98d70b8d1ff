import type { LitElement } from 'lit';

/** Puts markup in the page and waits until every Lit element in it has rendered. */
export async function mount(markup: string): Promise<HTMLElement> {
  document.body.innerHTML = markup;
  await settle();
  return document.body;
}

function isLit(element: Element): element is LitElement {
  return 'updateComplete' in element;
}

/** Waits for pending renders (twice: a render may start another, e.g. after slotchange). */
export async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await Promise.all(
      [...document.querySelectorAll('*')].filter(isLit).map((e) => e.updateComplete),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The element matching `selector` in the page, typed by the class it must be. */
export function get<T extends Element>(selector: string, type: abstract new () => T): T {
  const element = document.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`No ${type.name} at ${selector}`);
  return element;
}

/** An element inside a crowd element's shadow root. */
export function inner<T extends Element>(
  host: Element,
  selector: string,
  type: abstract new () => T,
): T {
  const element = host.shadowRoot?.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`No ${type.name} at ${selector}`);
  return element;
}

export function press(target: EventTarget, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', {
    key,
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  target.dispatchEvent(event);
  return event;
}
