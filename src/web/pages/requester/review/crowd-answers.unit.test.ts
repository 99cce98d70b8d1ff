import { describe, expect, it } from 'vitest';
import { templateSchema } from '../../../../shared/templates/index.js';
import { readableAnswers } from './review-model.js';

const html = templateSchema.parse({
  kind: 'html',
  html: `<crowd-form>
  <crowd-bounding-box name="vehicles" src="\${image_url}" labels="['car']"></crowd-bounding-box>
  <crowd-entity-annotation name="names" text="\${sentence}" labels='[{"label":"person"}]'>
  </crowd-entity-annotation>
  <crowd-classifier name="weather" categories="['Sunny']"></crowd-classifier>
</crowd-form>`,
});
const image = { width: 1600, height: 1000 };
const box = { label: 'car', left: 200, top: 520, width: 424, height: 200 };

describe('readableAnswers of annotation elements', () => {
  it('draws boxes over the picture from the column the template names, beside label: value lines', () => {
    const taskAnswers = JSON.stringify([
      {
        vehicles: { inputImageProperties: image, boundingBoxes: [box, { ...box, label: 'van' }] },
        names: { entities: [{ label: 'person', startOffset: 0, endOffset: 3 }] },
        weather: { label: 'Sunny' },
      },
    ]);
    const data = { image_url: 'https://img.test/street.jpg', sentence: 'Ada <b>ran</b>' };
    expect(readableAnswers(html, data, { taskAnswers })).toEqual([
      {
        name: 'taskAnswers.vehicles',
        label: 'vehicles',
        value: '2 boxes',
        annotation: {
          answer: { kind: 'boxes', image, boxes: [box, { ...box, label: 'van' }] },
          imageUrl: 'https://img.test/street.jpg',
          text: undefined,
          labels: ['car'],
        },
      },
      {
        name: 'taskAnswers.names',
        label: 'names',
        value: '1 span labelled',
        annotation: {
          answer: {
            kind: 'entities',
            entities: [{ label: 'person', startOffset: 0, endOffset: 3 }],
          },
          imageUrl: undefined,
          text: 'Ada <b>ran</b>',
          labels: ['person'],
        },
      },
      { name: 'taskAnswers.weather.label', label: 'weather.label', value: 'Sunny' },
    ]);
  });

  it('shows no picture for an address that is not https (a javascript: URL, plain http)', () => {
    const taskAnswers = JSON.stringify([
      { vehicles: { inputImageProperties: image, boundingBoxes: [box] } },
    ]);
    for (const url of ['javascript:alert(1)', 'http://img.test/a.jpg']) {
      const [line] = readableAnswers(html, { image_url: url }, { taskAnswers });
      expect(line?.value).toBe('1 box');
      expect(line?.annotation?.imageUrl).toBeUndefined();
    }
  });

  it('still draws an answer whose element is not in the template (the template changed)', () => {
    const taskAnswers = JSON.stringify([
      { other: { inputImageProperties: image, keypoints: [{ label: 'sun', x: 1, y: 1 }] } },
    ]);
    const [line] = readableAnswers(html, {}, { taskAnswers });
    expect(line?.annotation?.answer.kind).toBe('keypoints');
    expect(line?.annotation?.imageUrl).toBeUndefined();
  });
});
