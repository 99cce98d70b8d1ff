// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CrowdKeypoint } from './keypoint.js';
import { key, layOut, mount, pointer, shadow } from './test-helpers.js';

afterEach(() => {
  document.body.innerHTML = '';
});

async function keypoints(attributes: Record<string, string> = {}) {
  return mount<CrowdKeypoint>(
    'crowd-keypoint',
    {
      name: 'kp',
      src: 'https://example.test/face.jpg',
      keypoints: '["left eye","right eye","nose"]',
      ...attributes,
    },
    { width: 1000, height: 500 },
  );
}

describe('crowd-keypoint', () => {
  it('takes its labels from keypoints (or labels) and round-trips initial-value', async () => {
    const element = await keypoints({
      'initial-value': '[{"label":"nose","x":500,"y":250},{"label":"left eye","x":2000,"y":-3}]',
    });
    expect(element).toBeInstanceOf(CrowdKeypoint);
    expect(element.labelList()).toEqual(['left eye', 'right eye', 'nose']);
    expect(element.answers()).toEqual({
      kp: {
        inputImageProperties: { height: 500, width: 1000 },
        keypoints: [
          { label: 'nose', x: 500, y: 250 },
          { label: 'left eye', x: 1000, y: 0 },
        ],
      },
    });
    const byLabels = await keypoints({ keypoints: '', labels: "['a','b']" });
    expect(byLabels.labelList()).toEqual(['a', 'b']);
  });

  it('places points with the pointer and moves on to the next label', async () => {
    const element = await keypoints();
    const overlay = shadow(element, 'svg.overlay');
    layOut(overlay, { left: 0, top: 0, width: 500, height: 250 });
    pointer(overlay, 'pointerdown', 100, 50);
    pointer(overlay, 'pointerup', 100, 50);
    await element.updateComplete;
    pointer(overlay, 'pointerdown', 200, 60);
    pointer(overlay, 'pointerup', 200, 60);
    await element.updateComplete;
    expect(element.answers()).toMatchObject({
      kp: {
        keypoints: [
          { label: 'left eye', x: 200, y: 100 },
          { label: 'right eye', x: 400, y: 120 },
        ],
      },
    });
    expect(element.currentLabel).toBe('nose');
  });

  it('drags a point, moves it by keyboard and deletes it', async () => {
    const element = await keypoints({ 'initial-value': '[{"label":"nose","x":100,"y":100}]' });
    const overlay = shadow(element, 'svg.overlay');
    layOut(overlay, { left: 0, top: 0, width: 1000, height: 500 });
    pointer(shadow(element, 'circle[data-index="0"]'), 'pointerdown', 100, 100);
    pointer(overlay, 'pointermove', 120, 90);
    pointer(overlay, 'pointerup', 130, 80);
    await element.updateComplete;
    expect(element.answers()).toMatchObject({
      kp: { keypoints: [{ label: 'nose', x: 130, y: 80 }] },
    });
    const point = shadow(element, 'circle[data-index="0"]');
    key(point, 'ArrowUp');
    await element.updateComplete;
    expect(element.answers()).toMatchObject({ kp: { keypoints: [{ x: 130, y: 75 }] } });
    key(point, 'Delete');
    await element.updateComplete;
    expect(element.answers()).toMatchObject({ kp: { keypoints: [] } });
  });

  it('is invalid when required and empty', async () => {
    const element = await keypoints({ required: '' });
    expect(element.validationMessage()).toBe('Add at least one keypoint.');
  });
});
