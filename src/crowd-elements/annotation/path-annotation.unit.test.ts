// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CrowdLine } from './line.js';
import { CrowdPolygon } from './polygon.js';
import { key, layOut, mount, pointer, shadow } from './test-helpers.js';

afterEach(() => {
  document.body.innerHTML = '';
});

function click(overlay: Element, x: number, y: number): void {
  pointer(overlay, 'pointerdown', x, y);
  pointer(overlay, 'pointerup', x, y);
}

describe('crowd-polygon', () => {
  async function polygon(attributes: Record<string, string> = {}) {
    const element = await mount<CrowdPolygon>(
      'crowd-polygon',
      {
        name: 'annotatedResult',
        src: 'https://example.test/p.jpg',
        labels: "['Cat','Dog']",
        ...attributes,
      },
      { width: 200, height: 100 },
    );
    expect(element).toBeInstanceOf(CrowdPolygon);
    const overlay = shadow(element, 'svg.overlay');
    layOut(overlay, { left: 0, top: 0, width: 200, height: 100 });
    return { element, overlay };
  }

  it('draws a polygon by clicks, closing on the first vertex', async () => {
    const { element, overlay } = await polygon();
    click(overlay, 10, 10);
    click(overlay, 100, 10);
    click(overlay, 100, 10);
    click(overlay, 100, 90);
    expect(element.answers()).toMatchObject({ annotatedResult: { polygons: [] } });
    click(overlay, 11, 11);
    await element.updateComplete;
    expect(element.answers()).toEqual({
      annotatedResult: {
        inputImageProperties: { height: 100, width: 200 },
        polygons: [
          {
            label: 'Cat',
            vertices: [
              { x: 10, y: 10 },
              { x: 100, y: 10 },
              { x: 100, y: 90 },
            ],
          },
        ],
      },
    });
  });

  it('needs three vertices to close, and Escape abandons the draft', async () => {
    const { element, overlay } = await polygon();
    click(overlay, 10, 10);
    click(overlay, 50, 50);
    key(overlay, 'Enter');
    expect(element.draft).toHaveLength(2);
    expect(shadow(element, '[role=status]').textContent).toBe('');
    await element.updateComplete;
    expect(shadow(element, '[role=status]').textContent).toContain('at least 3 vertices');
    key(overlay, 'Escape');
    expect(element.draft).toHaveLength(0);
  });

  it('round-trips initial-value, clamped, and moves a polygon by keyboard without distorting it', async () => {
    const { element } = await polygon({
      'initial-value': JSON.stringify([
        {
          label: 'Dog',
          vertices: [
            { x: 0, y: 0 },
            { x: 50, y: 0 },
            { x: 50, y: 500 },
          ],
        },
        { label: 'Dog', vertices: [{ x: 1, y: 1 }] },
      ]),
    });
    expect(element.answers()).toMatchObject({
      annotatedResult: {
        polygons: [
          {
            label: 'Dog',
            vertices: [
              { x: 0, y: 0 },
              { x: 50, y: 0 },
              { x: 50, y: 100 },
            ],
          },
        ],
      },
    });
    const shape = shadow(element, 'polygon[data-index="0"]');
    key(shape, 'ArrowLeft');
    key(shape, 'ArrowRight');
    await element.updateComplete;
    expect(element.answers()).toMatchObject({
      annotatedResult: {
        polygons: [
          {
            vertices: [
              { x: 1, y: 0 },
              { x: 51, y: 0 },
              { x: 51, y: 100 },
            ],
          },
        ],
      },
    });
    key(shape, 'Delete');
    expect(element.validationMessage()).toBe('');
    element.required = true;
    expect(element.validationMessage()).toBe('Add at least one polygon.');
  });

  it('drags a whole polygon, keeping its shape, no further than the image edge', async () => {
    const { element, overlay } = await polygon({
      'initial-value':
        '[{"label":"Cat","vertices":[{"x":10,"y":10},{"x":60,"y":10},{"x":60,"y":60}]}]',
    });
    pointer(shadow(element, 'polygon[data-index="0"]'), 'pointerdown', 30, 30);
    pointer(overlay, 'pointerup', 300, 130);
    await element.updateComplete;
    expect(element.answers()).toMatchObject({
      annotatedResult: {
        polygons: [
          {
            vertices: [
              { x: 150, y: 50 },
              { x: 200, y: 50 },
              { x: 200, y: 100 },
            ],
          },
        ],
      },
    });
    expect(shadow(element, '[role=status]').textContent).toBe(
      'Moved polygon 1: Cat, 3 vertices: 150 50, 200 50, 200 100.',
    );
  });

  it('drags a vertex of the selected polygon', async () => {
    const { element, overlay } = await polygon({
      'initial-value':
        '[{"label":"Cat","vertices":[{"x":10,"y":10},{"x":60,"y":10},{"x":60,"y":60}]}]',
    });
    pointer(shadow(element, 'polygon[data-index="0"]'), 'pointerdown', 50, 20);
    pointer(overlay, 'pointerup', 50, 20);
    await element.updateComplete;
    pointer(shadow(element, '[data-handle="2"]'), 'pointerdown', 60, 60);
    pointer(overlay, 'pointerup', 300, 80);
    await element.updateComplete;
    expect(element.answers()).toMatchObject({
      annotatedResult: {
        polygons: [
          {
            vertices: [
              { x: 10, y: 10 },
              { x: 60, y: 10 },
              { x: 200, y: 80 },
            ],
          },
        ],
      },
    });
  });
});

describe('crowd-line', () => {
  it('draws a two-point line finished with Enter, in MTurk shape', async () => {
    const element = await mount<CrowdLine>(
      'crowd-line',
      {
        name: 'crowdLine',
        src: 'https://example.test/l.jpg',
        labels: "['car','pedestrian','street car']",
      },
      { width: 400, height: 400 },
    );
    expect(element).toBeInstanceOf(CrowdLine);
    const overlay = shadow(element, 'svg.overlay');
    layOut(overlay, { left: 0, top: 0, width: 200, height: 200 });
    click(overlay, 10, 20);
    key(overlay, 'Enter');
    click(overlay, 100, 120);
    key(overlay, 'Enter');
    await element.updateComplete;
    expect(element.answers()).toEqual({
      crowdLine: {
        inputImageProperties: { height: 400, width: 400 },
        lines: [
          {
            label: 'car',
            vertices: [
              { x: 20, y: 40 },
              { x: 200, y: 240 },
            ],
          },
        ],
      },
    });
  });
});
