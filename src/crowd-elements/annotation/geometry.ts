// Geometry shared by the image annotation elements. Every annotation is kept and answered in the
// image's natural pixels; the overlay is scaled to the displayed image, so a pointer position is
// converted once, here.

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** A point kept inside the image (a size of 0 means the image is not loaded yet: no clamping). */
export function clampPoint(point: Point, size: Size): Point {
  if (size.width <= 0 || size.height <= 0) return point;
  return { x: clamp(point.x, 0, size.width), y: clamp(point.y, 0, size.height) };
}

/**
 * Where a pointer event falls on the image, in natural pixels, clamped to the image. `surface` is
 * the overlay (SVG or canvas) laid exactly over the displayed image.
 */
export function imagePoint(
  event: { clientX: number; clientY: number },
  surface: Element,
  size: Size,
): Point {
  const rect = surface.getBoundingClientRect();
  const scaleX = rect.width > 0 ? size.width / rect.width : 1;
  const scaleY = rect.height > 0 ? size.height / rect.height : 1;
  return clampPoint(
    { x: (event.clientX - rect.left) * scaleX, y: (event.clientY - rect.top) * scaleY },
    size,
  );
}

/** Natural pixels per displayed pixel, so that handles and strokes look the same at any zoom. */
export function pixelScale(surface: Element, size: Size): number {
  const rect = surface.getBoundingClientRect();
  return rect.width > 0 && size.width > 0 ? size.width / rect.width : 1;
}

/** One keyboard step in natural pixels: about half a percent of the image, at least a pixel. */
export function keyboardStep(size: Size): number {
  return Math.max(1, Math.round(Math.max(size.width, size.height) / 200));
}

export function roundPoint(point: Point): Point {
  return { x: Math.round(point.x), y: Math.round(point.y) };
}

/** A finite number from an untrusted value (initial-value JSON), or undefined. */
export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Vertices `[{ x, y }]` from untrusted JSON; entries that are not points are dropped. */
export function parseVertices(value: unknown): Point[] {
  if (!Array.isArray(value)) return [];
  const points: Point[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const x = finiteNumber(Reflect.get(entry, 'x'));
    const y = finiteNumber(Reflect.get(entry, 'y'));
    if (x !== undefined && y !== undefined) points.push({ x, y });
  }
  return points;
}
