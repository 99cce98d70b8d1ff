import { z } from 'zod';

/**
 * The answer shapes of the annotation crowd-html-elements (MTurk's, which Tessera's elements post
 * too), recognised by their fields so the review page can draw them instead of listing numbers.
 * Anything else an answer holds stays a plain value. Coordinates are the image's natural pixels.
 */

const size = z.object({ width: z.number().positive(), height: z.number().positive() });
const point = z.object({ x: z.number(), y: z.number() });
const label = z.string().max(500);

const boxes = z.object({
  inputImageProperties: size,
  boundingBoxes: z.array(
    z.object({ label, left: z.number(), top: z.number(), width: z.number(), height: z.number() }),
  ),
});
const keypoints = z.object({
  inputImageProperties: size,
  keypoints: z.array(point.extend({ label })),
});
const polygons = z.object({
  inputImageProperties: size,
  polygons: z.array(z.object({ label, vertices: z.array(point) })),
});
const lines = z.object({
  inputImageProperties: size,
  lines: z.array(z.object({ label, vertices: z.array(point) })),
});
/** Base64 only: the label map becomes a `data:image/png` address, never anything else. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const segmentation = z.object({
  inputImageProperties: size,
  labelMappings: z.record(z.string(), z.object({ color: z.string() })),
  labeledImage: z.object({ pngImageData: z.string().regex(BASE64) }),
});
const entities = z.object({
  entities: z.array(
    z.object({ label, startOffset: z.number().int().min(0), endOffset: z.number().int().min(0) }),
  ),
});

export type ImageSize = z.infer<typeof size>;
export type Shape = { label: string; vertices: { x: number; y: number }[] };

/** One element's answer, drawn: shapes over an image, a label map, or labelled spans of text. */
export type AnnotationAnswer =
  | { kind: 'boxes'; image: ImageSize; boxes: z.infer<typeof boxes>['boundingBoxes'] }
  | { kind: 'keypoints'; image: ImageSize; points: z.infer<typeof keypoints>['keypoints'] }
  | { kind: 'polygons'; image: ImageSize; shapes: Shape[] }
  | { kind: 'lines'; image: ImageSize; shapes: Shape[] }
  | {
      kind: 'segmentation';
      image: ImageSize;
      labels: { label: string; color: string }[];
      labelMapUrl: string;
    }
  | { kind: 'entities'; entities: z.infer<typeof entities>['entities'] };

/**
 * Each element's answer shape with how it is drawn, tried in this order (the first that fits
 * wins, as an answer object may carry extra fields).
 */
const drawn = z.union([
  boxes.transform((a): AnnotationAnswer => ({
    kind: 'boxes',
    image: a.inputImageProperties,
    boxes: a.boundingBoxes,
  })),
  keypoints.transform((a): AnnotationAnswer => ({
    kind: 'keypoints',
    image: a.inputImageProperties,
    points: a.keypoints,
  })),
  polygons.transform((a): AnnotationAnswer => ({
    kind: 'polygons',
    image: a.inputImageProperties,
    shapes: a.polygons,
  })),
  lines.transform((a): AnnotationAnswer => ({
    kind: 'lines',
    image: a.inputImageProperties,
    shapes: a.lines,
  })),
  segmentation.transform((a): AnnotationAnswer => ({
    kind: 'segmentation',
    image: a.inputImageProperties,
    labels: Object.entries(a.labelMappings).map(([name, { color }]) => ({ label: name, color })),
    labelMapUrl: `data:image/png;base64,${a.labeledImage.pngImageData}`,
  })),
  entities.transform((a): AnnotationAnswer => ({ kind: 'entities', entities: a.entities })),
]);

/** An annotation element's answer, or null for any other value. */
export function annotationAnswer(value: unknown): AnnotationAnswer | null {
  const answer = drawn.safeParse(value);
  return answer.success ? answer.data : null;
}

/** How many things the worker marked, for a one-line summary ("3 boxes"). */
export function annotationCount(answer: AnnotationAnswer): number {
  switch (answer.kind) {
    case 'boxes':
      return answer.boxes.length;
    case 'keypoints':
      return answer.points.length;
    case 'polygons':
    case 'lines':
      return answer.shapes.length;
    case 'segmentation':
      return answer.labels.length;
    case 'entities':
      return answer.entities.length;
  }
}

/** A text cut into plain pieces and labelled spans, for highlighting entity annotations. */
export function entityPieces(
  text: string,
  spans: readonly { label: string; startOffset: number; endOffset: number }[],
): { text: string; label?: string }[] {
  const sorted = spans
    .filter((s) => s.startOffset < s.endOffset && s.endOffset <= text.length)
    .toSorted((a, b) => a.startOffset - b.startOffset);
  const pieces: { text: string; label?: string }[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.startOffset < at) continue; // an overlap the element itself never posts
    if (span.startOffset > at) pieces.push({ text: text.slice(at, span.startOffset) });
    pieces.push({ text: text.slice(span.startOffset, span.endOffset), label: span.label });
    at = span.endOffset;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}
