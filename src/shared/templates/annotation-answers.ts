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

/** An annotation element's answer, or null for any other value. */
export function annotationAnswer(value: unknown): AnnotationAnswer | null {
  const box = boxes.safeParse(value);
  if (box.success)
    return { kind: 'boxes', image: box.data.inputImageProperties, boxes: box.data.boundingBoxes };
  const kp = keypoints.safeParse(value);
  if (kp.success)
    return { kind: 'keypoints', image: kp.data.inputImageProperties, points: kp.data.keypoints };
  const polygon = polygons.safeParse(value);
  if (polygon.success)
    return {
      kind: 'polygons',
      image: polygon.data.inputImageProperties,
      shapes: polygon.data.polygons,
    };
  const line = lines.safeParse(value);
  if (line.success)
    return { kind: 'lines', image: line.data.inputImageProperties, shapes: line.data.lines };
  const map = segmentation.safeParse(value);
  if (map.success)
    return {
      kind: 'segmentation',
      image: map.data.inputImageProperties,
      labels: Object.entries(map.data.labelMappings).map(([name, { color }]) => ({
        label: name,
        color,
      })),
      labelMapUrl: `data:image/png;base64,${map.data.labeledImage.pngImageData}`,
    };
  const spans = entities.safeParse(value);
  if (spans.success) return { kind: 'entities', entities: spans.data.entities };
  return null;
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
