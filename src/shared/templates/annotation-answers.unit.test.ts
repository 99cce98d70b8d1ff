import { describe, expect, it } from 'vitest';
import { annotationAnswer, annotationCount, entityPieces } from './annotation-answers.js';

const image = { height: 1000, width: 1600 };

describe('annotationAnswer', () => {
  it('recognises bounding boxes as crowd-bounding-box posts them', () => {
    const answer = annotationAnswer({
      inputImageProperties: image,
      boundingBoxes: [{ label: 'car', left: 200, top: 520, width: 424, height: 200 }],
    });
    expect(answer).toEqual({
      kind: 'boxes',
      image: { width: 1600, height: 1000 },
      boxes: [{ label: 'car', left: 200, top: 520, width: 424, height: 200 }],
    });
    expect(answer && annotationCount(answer)).toBe(1);
  });

  it('recognises keypoints, polygons and lines', () => {
    const vertices = [
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ];
    expect(
      annotationAnswer({ inputImageProperties: image, keypoints: [{ label: 'sun', x: 1, y: 2 }] })
        ?.kind,
    ).toBe('keypoints');
    expect(
      annotationAnswer({ inputImageProperties: image, polygons: [{ label: 'a', vertices }] })?.kind,
    ).toBe('polygons');
    expect(
      annotationAnswer({ inputImageProperties: image, lines: [{ label: 'a', vertices }] })?.kind,
    ).toBe('lines');
  });

  it('makes a semantic segmentation a PNG data address, and refuses anything but base64 in it', () => {
    const value = {
      inputImageProperties: image,
      labelMappings: { road: { color: '#2ca02c' } },
      labeledImage: { pngImageData: 'iVBORw0KGgo=' },
    };
    expect(annotationAnswer(value)).toEqual({
      kind: 'segmentation',
      image: { width: 1600, height: 1000 },
      labels: [{ label: 'road', color: '#2ca02c' }],
      labelMapUrl: 'data:image/png;base64,iVBORw0KGgo=',
    });
    const hostile = { ...value, labeledImage: { pngImageData: 'x" onerror="alert(1)' } };
    expect(annotationAnswer(hostile)).toBeNull();
  });

  it('recognises entity spans', () => {
    expect(
      annotationAnswer({ entities: [{ label: 'person', startOffset: 0, endOffset: 3 }] }),
    ).toEqual({ kind: 'entities', entities: [{ label: 'person', startOffset: 0, endOffset: 3 }] });
  });

  it('leaves other values alone: a classifier answer, text, a box without the image size', () => {
    expect(annotationAnswer({ label: 'Positive' })).toBeNull();
    expect(annotationAnswer('text')).toBeNull();
    expect(annotationAnswer({ boundingBoxes: [] })).toBeNull();
    expect(
      annotationAnswer({ inputImageProperties: { width: 0, height: 5 }, boundingBoxes: [] }),
    ).toBeNull();
  });
});

describe('entityPieces', () => {
  it('cuts the text into plain and labelled pieces in order', () => {
    const spans = [
      { label: 'place', startOffset: 13, endOffset: 18 },
      { label: 'person', startOffset: 0, endOffset: 3 },
    ];
    expect(entityPieces('Ada moved to Paris.', spans)).toEqual([
      { text: 'Ada', label: 'person' },
      { text: ' moved to ' },
      { text: 'Paris', label: 'place' },
      { text: '.' },
    ]);
  });

  it('drops spans past the end of the text and overlapping ones', () => {
    const spans = [
      { label: 'a', startOffset: 0, endOffset: 4 },
      { label: 'b', startOffset: 2, endOffset: 5 },
      { label: 'c', startOffset: 5, endOffset: 50 },
    ];
    expect(entityPieces('abcdef', spans)).toEqual([{ text: 'abcd', label: 'a' }, { text: 'ef' }]);
  });
});
