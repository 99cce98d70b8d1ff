// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CrowdBoundingBox } from './bounding-box.js';
import { key, layOut, mount, pointer, shadow } from './test-helpers.js';

const LABELS = `['car','pedestrian']`;

async function box(
  attributes: Record<string, string> = {},
  image?: { width: number; height: number } | 'failed',
) {
  return mount<CrowdBoundingBox>(
    'crowd-bounding-box',
    { name: 'annotatedResult', src: 'https://example.test/a.jpg', labels: LABELS, ...attributes },
    image,
  );
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('crowd-bounding-box', () => {
  it('reads MTurk attributes: single-quoted labels, header, initial-value', async () => {
    const element = await box({
      header: 'Draw a box around each car',
      'initial-value': '[{"label":"car","left":10,"top":20,"width":30,"height":40}]',
    });
    expect(element).toBeInstanceOf(CrowdBoundingBox);
    expect(element.labelList()).toEqual(['car', 'pedestrian']);
    expect(shadow(element, '.header').textContent).toBe('Draw a box around each car');
    expect(element.renderRoot.querySelectorAll('input[type=radio]')).toHaveLength(2);
    expect(element.answers()).toEqual({
      annotatedResult: {
        boundingBoxes: [{ height: 40, label: 'car', left: 10, top: 20, width: 30 }],
        inputImageProperties: { height: 600, width: 800 },
      },
    });
  });

  it('clamps initial boxes to the image and drops malformed entries', async () => {
    const element = await box(
      {
        'initial-value': JSON.stringify([
          { label: 'car', left: 90, top: -5, width: 50, height: 20 },
          { label: 'car', left: 'x', top: 0, width: 1, height: 1 },
          'nonsense',
        ]),
      },
      { width: 100, height: 50 },
    );
    expect(element.answers()).toEqual({
      annotatedResult: {
        boundingBoxes: [{ height: 20, label: 'car', left: 50, top: 0, width: 50 }],
        inputImageProperties: { height: 50, width: 100 },
      },
    });
  });

  it('draws a box with the pointer in natural pixels on a scaled-down image', async () => {
    const element = await box({}, { width: 4000, height: 3000 });
    const overlay = shadow(element, 'svg.overlay');
    layOut(overlay, { left: 100, top: 50, width: 400, height: 300 });
    pointer(overlay, 'pointerdown', 110, 60);
    pointer(overlay, 'pointermove', 150, 100);
    pointer(overlay, 'pointerup', 160, 110);
    await element.updateComplete;
    expect(element.answers()).toEqual({
      annotatedResult: {
        boundingBoxes: [{ height: 500, label: 'car', left: 100, top: 100, width: 500 }],
        inputImageProperties: { height: 3000, width: 4000 },
      },
    });
    expect(shadow(element, '[role=status]').textContent).toContain('Added box 1');
  });

  it('keeps a drag that leaves the image inside it, and ignores a click', async () => {
    const element = await box({}, { width: 400, height: 300 });
    const overlay = shadow(element, 'svg.overlay');
    layOut(overlay, { left: 0, top: 0, width: 400, height: 300 });
    pointer(overlay, 'pointerdown', 5, 5);
    pointer(overlay, 'pointerup', 5, 5);
    pointer(overlay, 'pointerdown', 300, 200);
    pointer(overlay, 'pointerup', 900, 900);
    await element.updateComplete;
    expect(element.answers()).toMatchObject({
      annotatedResult: { boundingBoxes: [{ left: 300, top: 200, width: 100, height: 100 }] },
    });
  });

  it('moves, resizes, relabels and deletes the focused box by keyboard', async () => {
    const element = await box(
      { 'initial-value': '[{"label":"car","left":10,"top":10,"width":50,"height":50}]' },
      { width: 200, height: 200 },
    );
    const rect = shadow(element, 'rect[data-index="0"]');
    rect.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    key(rect, 'ArrowRight');
    key(rect, 'ArrowDown');
    key(rect, 'ArrowRight', { shiftKey: true });
    await element.updateComplete;
    expect(element.answers()).toMatchObject({
      annotatedResult: { boundingBoxes: [{ left: 11, top: 11, width: 51, height: 50 }] },
    });
    const pedestrian = [
      ...element.renderRoot.querySelectorAll<HTMLInputElement>('input[type=radio]'),
    ][1];
    pedestrian?.click();
    await element.updateComplete;
    expect(element.answers()).toMatchObject({
      annotatedResult: { boundingBoxes: [{ label: 'pedestrian' }] },
    });
    key(shadow(element, 'rect[data-index="0"]'), 'Delete');
    await element.updateComplete;
    expect(element.answers()).toMatchObject({ annotatedResult: { boundingBoxes: [] } });
    expect(shadow(element, '[role=status]').textContent).toContain('Deleted box 1');
  });

  it('adds a box from the keyboard button and keeps keyboard moves inside the image', async () => {
    const element = await box({}, { width: 100, height: 100 });
    (shadow(element, 'button.add') as HTMLButtonElement).click();
    await element.updateComplete;
    const rect = shadow(element, 'rect[data-index="0"]');
    for (let i = 0; i < 60; i += 1) key(rect, 'ArrowLeft');
    await element.updateComplete;
    expect(element.answers()).toMatchObject({
      annotatedResult: {
        boundingBoxes: [{ label: 'car', left: 0, top: 25, width: 50, height: 50 }],
      },
    });
  });

  it('requires a box when required, and says so when the image fails', async () => {
    const element = await box({ required: '' });
    expect(element.validationMessage()).toBe('Add at least one box.');
    (shadow(element, 'button.add') as HTMLButtonElement).click();
    expect(element.validationMessage()).toBe('');
    const broken = await box({ required: '', name: 'other' }, 'failed');
    expect(shadow(broken, '[role=alert]').textContent).toContain('could not be loaded');
    expect(broken.validationMessage()).toContain('could not be loaded');
  });

  it('gives no answer without a name', async () => {
    const element = await box({ name: '' });
    expect(element.answers()).toEqual({});
  });
});
