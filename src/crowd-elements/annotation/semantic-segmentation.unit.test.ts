// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CrowdSemanticSegmentation } from './semantic-segmentation.js';
import { layOut, mount, pointer, shadow } from './test-helpers.js';

afterEach(() => {
  document.body.innerHTML = '';
});

async function segmentation(attributes: Record<string, string> = {}) {
  const element = await mount<CrowdSemanticSegmentation>(
    'crowd-semantic-segmentation',
    {
      name: 'crowd-semantic-segmentation',
      src: 'https://example.test/s.jpg',
      labels: "['Cat','Dog']",
      ...attributes,
    },
    { width: 200, height: 100 },
  );
  expect(element).toBeInstanceOf(CrowdSemanticSegmentation);
  const canvas = shadow(element, 'canvas');
  layOut(canvas, { left: 0, top: 0, width: 100, height: 50 });
  return { element, canvas };
}

describe('crowd-semantic-segmentation', () => {
  it('paints with the brush in natural pixels and maps the painted labels', async () => {
    const { element, canvas } = await segmentation();
    pointer(canvas, 'pointerdown', 10, 10);
    pointer(canvas, 'pointermove', 40, 10);
    pointer(canvas, 'pointerup', 40, 10);
    expect(element.labelAt({ x: 20, y: 20 })).toBe('Cat');
    expect(element.labelAt({ x: 50, y: 20 })).toBe('Cat');
    expect(element.labelAt({ x: 80, y: 20 })).toBe('Cat');
    expect(element.labelAt({ x: 20, y: 60 })).toBe('');
    const answer = element.answers()['crowd-semantic-segmentation'];
    expect(answer).toMatchObject({
      inputImageProperties: { height: 100, width: 200 },
      labelMappings: { Cat: { color: '#1f77b4' } },
      labeledImage: { pngImageData: expect.any(String) },
    });
    await element.updateComplete;
    expect(shadow(element, '[role=status]').textContent).toMatch(/Painted: Cat \d+ pixels/);
  });

  it('erases, and is invalid when required with nothing painted', async () => {
    const { element, canvas } = await segmentation({ required: '' });
    pointer(canvas, 'pointerdown', 10, 10);
    pointer(canvas, 'pointerup', 10, 10);
    expect(element.validationMessage()).toBe('');
    const eraser = [
      ...element.renderRoot.querySelectorAll<HTMLInputElement>('input[name=tool]'),
    ][1];
    eraser?.click();
    await element.updateComplete;
    pointer(canvas, 'pointerdown', 10, 10);
    pointer(canvas, 'pointerup', 10, 10);
    expect(element.labelAt({ x: 20, y: 20 })).toBe('');
    expect(element.validationMessage()).toBe('Paint at least one region of the image.');
    expect(element.answers()).toMatchObject({
      'crowd-semantic-segmentation': { labelMappings: {} },
    });
  });
});
