/** Registers an element once: a template may load the script twice (both of Amazon's paths). */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}

/** Fires MTurk's `change`-style event from an element, crossing its shadow root. */
export function announceChange(element: HTMLElement): void {
  element.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
