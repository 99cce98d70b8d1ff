// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CrowdEntityAnnotation } from './entity-annotation.js';
import { key, mount, shadow } from './test-helpers.js';

afterEach(() => {
  document.body.innerHTML = '';
});

const TEXT = 'Alice met Bob in Paris';
const LABELS = JSON.stringify([
  { label: 'person', shortDisplayName: 'per', fullDisplayName: 'Person' },
  { label: 'place', fullDisplayName: 'Place' },
]);

async function entities(attributes: Record<string, string> = {}) {
  const element = await mount<CrowdEntityAnnotation>('crowd-entity-annotation', {
    name: 'crowd-entity-annotation',
    text: TEXT,
    labels: LABELS,
    ...attributes,
  });
  expect(element).toBeInstanceOf(CrowdEntityAnnotation);
  return element;
}

describe('crowd-entity-annotation', () => {
  it('round-trips initial-value, dropping spans outside the text and overlaps', async () => {
    const element = await entities({
      'initial-value': JSON.stringify([
        { label: 'place', startOffset: 17, endOffset: 99 },
        { label: 'person', startOffset: 0, endOffset: 5 },
        { label: 'person', startOffset: 3, endOffset: 8 },
        { label: 'person', startOffset: 'x', endOffset: 8 },
      ]),
    });
    expect(element.answers()).toEqual({
      'crowd-entity-annotation': {
        entities: [
          { endOffset: 5, label: 'person', startOffset: 0 },
          { endOffset: 22, label: 'place', startOffset: 17 },
        ],
      },
    });
    expect(shadow(element, 'mark').textContent).toBe('Alice');
    expect(shadow(element, '.tag').textContent).toBe('per');
    expect(shadow(element, 'fieldset').textContent).toContain('Person');
  });

  it('labels words chosen by keyboard, and removes them', async () => {
    const element = await entities();
    const text = shadow(element, '.text');
    key(text, 'ArrowRight');
    key(text, 'ArrowRight');
    key(text, 'ArrowRight');
    key(text, 'Enter');
    key(text, 'ArrowRight');
    key(text, 'ArrowRight', { shiftKey: true });
    const place = [
      ...element.renderRoot.querySelectorAll<HTMLInputElement>('input[type=radio]'),
    ][1];
    place?.click();
    key(text, 'Enter');
    await element.updateComplete;
    expect(element.answers()).toEqual({
      'crowd-entity-annotation': {
        entities: [
          { endOffset: 13, label: 'person', startOffset: 10 },
          { endOffset: 22, label: 'place', startOffset: 14 },
        ],
      },
    });
    expect(shadow(element, '[role=status]').textContent).toContain('Labelled “in Paris” as place');
    key(text, 'Delete');
    expect(element.entities).toHaveLength(1);
  });

  it('is invalid when required and nothing is labelled', async () => {
    const element = await entities({ required: '' });
    expect(element.validationMessage()).toBe('Label at least one span of the text.');
    expect(element.addEntity({ label: 'person', startOffset: 0, endOffset: 5 })).toBe(true);
    expect(element.addEntity({ label: 'person', startOffset: 4, endOffset: 9 })).toBe(false);
    expect(element.validationMessage()).toBe('');
  });
});
