// Helpers for the annotation elements' happy-dom unit tests (happy-dom loads no images and lays
// nothing out, so the tests give the image its natural size and the overlay its displayed box).
import type { LitElement } from 'lit';

/** Mounts `tag` with `attributes`, then "loads" its image at `width` × `height` natural pixels. */
export async function mount<T extends LitElement>(
  tag: string,
  attributes: Record<string, string>,
  image: { width: number; height: number } | 'failed' = { width: 800, height: 600 },
): Promise<T> {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  // The tests name the tag of the class they import, so the created element is that class.
  const typed = element as T;
  await typed.updateComplete;
  const img = typed.renderRoot.querySelector('img');
  if (img) {
    if (image === 'failed') {
      img.dispatchEvent(new Event('error'));
    } else {
      Object.defineProperty(img, 'naturalWidth', { value: image.width });
      Object.defineProperty(img, 'naturalHeight', { value: image.height });
      img.dispatchEvent(new Event('load'));
    }
    await typed.updateComplete;
  }
  return typed;
}

/** Gives `element` a displayed box, as layout would. */
export function layOut(
  element: Element,
  rect: { left: number; top: number; width: number; height: number },
): void {
  element.getBoundingClientRect = () =>
    DOMRect.fromRect({ x: rect.left, y: rect.top, width: rect.width, height: rect.height });
}

export function key(target: Element, keyName: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key: keyName, bubbles: true, composed: true, ...init }),
  );
}

export function pointer(target: Element, type: string, clientX: number, clientY: number): void {
  target.dispatchEvent(
    new PointerEvent(type, {
      clientX,
      clientY,
      bubbles: true,
      composed: true,
      pointerId: 1,
      button: 0,
    }),
  );
}

export function shadow(element: LitElement, selector: string): Element {
  const found = element.renderRoot.querySelector(selector);
  if (!found) throw new Error(`${selector} not rendered`);
  return found;
}
