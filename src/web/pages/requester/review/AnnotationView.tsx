import type { ReactNode } from 'react';
import { labelColor } from '../../../../shared/templates/annotation-labels.js';
import { entityPieces, type ImageSize } from '../../../../shared/templates/annotation-answers.js';
import type { DrawnAnnotation } from './crowd-answers.js';

/** The answer's labels, the element's first (so colours match the worker's), then any others. */
function labelsOf(annotation: DrawnAnnotation, used: readonly string[]): string[] {
  return [...new Set([...annotation.labels, ...used])];
}

/** Shapes in the image's own pixels; the SVG scales with the picture under it. */
function Shapes({ annotation, labels }: { annotation: DrawnAnnotation; labels: string[] }) {
  const { answer } = annotation;
  const color = (label: string) => labelColor(labels, label);
  const stroke = answer.kind === 'entities' ? 2 : Math.max(2, answer.image.width / 300);
  switch (answer.kind) {
    case 'boxes':
      return answer.boxes.map((box, i) => (
        <g key={i} data-label={box.label}>
          <rect
            x={box.left}
            y={box.top}
            width={box.width}
            height={box.height}
            fill="none"
            stroke={color(box.label)}
            strokeWidth={stroke}
          />
          <text
            x={box.left + stroke}
            y={box.top - stroke}
            fill={color(box.label)}
            fontSize={stroke * 8}
            fontWeight={700}
            paintOrder="stroke"
            stroke="#fff"
            strokeWidth={stroke}
          >
            {box.label}
          </text>
        </g>
      ));
    case 'keypoints':
      return answer.points.map((p, i) => (
        <circle
          key={i}
          cx={p.x}
          cy={p.y}
          r={stroke * 3}
          fill={color(p.label)}
          stroke="#fff"
          strokeWidth={stroke}
        >
          <title>{p.label}</title>
        </circle>
      ));
    case 'polygons':
    case 'lines': {
      const Shape = answer.kind === 'polygons' ? 'polygon' : 'polyline';
      return answer.shapes.map((shape, i) => (
        <Shape
          key={i}
          points={shape.vertices.map((v) => `${v.x},${v.y}`).join(' ')}
          fill={answer.kind === 'polygons' ? color(shape.label) : 'none'}
          fillOpacity={0.25}
          stroke={color(shape.label)}
          strokeWidth={stroke}
        >
          <title>{shape.label}</title>
        </Shape>
      ));
    }
    case 'segmentation':
      return (
        <image
          href={answer.labelMapUrl}
          width={answer.image.width}
          height={answer.image.height}
          opacity={0.55}
        />
      );
    case 'entities':
      return null;
  }
}

function usedLabels(annotation: DrawnAnnotation): string[] {
  const { answer } = annotation;
  switch (answer.kind) {
    case 'boxes':
      return answer.boxes.map((b) => b.label);
    case 'keypoints':
      return answer.points.map((p) => p.label);
    case 'polygons':
    case 'lines':
      return answer.shapes.map((s) => s.label);
    case 'segmentation':
      return answer.labels.map((l) => l.label);
    case 'entities':
      return answer.entities.map((e) => e.label);
  }
}

/** Each label the worker used, with its colour and how often: the drawing's text alternative. */
function Legend({ used, labels }: { used: string[]; labels: string[] }) {
  const counts = new Map<string, number>();
  for (const label of used) counts.set(label, (counts.get(label) ?? 0) + 1);
  if (counts.size === 0) return null;
  return (
    <ul className="annotation-legend">
      {[...counts].map(([label, count]) => (
        <li key={label}>
          <span
            className="annotation-swatch"
            style={{ background: labelColor(labels, label) }}
            aria-hidden="true"
          />
          {label} × {count}
        </li>
      ))}
    </ul>
  );
}

function Picture({
  url,
  image,
  description,
  children,
}: {
  url: string | undefined;
  image: ImageSize;
  description: string;
  children: ReactNode;
}) {
  return (
    <div className="annotation-picture" style={{ aspectRatio: `${image.width} / ${image.height}` }}>
      {url && <img src={url} alt="" loading="lazy" decoding="async" />}
      <svg
        viewBox={`0 0 ${image.width} ${image.height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={description}
      >
        {children}
      </svg>
    </div>
  );
}

/**
 * One annotation element's answer, drawn: boxes, points, polygons, lines or the label map over
 * the task's picture, or the labelled spans highlighted in the task's text. Everything is React
 * text and SVG attributes, so nothing in an answer or a task's data can become markup.
 */
export function AnnotationView({
  name,
  summary,
  annotation,
  size,
}: {
  name: string;
  summary: string;
  annotation: DrawnAnnotation;
  size: 'small' | 'large';
}) {
  const used = usedLabels(annotation);
  const labels = labelsOf(annotation, used);
  const { answer } = annotation;
  if (answer.kind === 'entities') {
    return (
      <figure className="annotation" data-size={size}>
        {annotation.text !== undefined ? (
          <p className="annotation-text">
            {entityPieces(annotation.text, answer.entities).map((piece, i) =>
              piece.label === undefined ? (
                piece.text
              ) : (
                <mark
                  key={i}
                  style={{ borderColor: labelColor(labels, piece.label) }}
                  title={piece.label}
                >
                  {piece.text}
                  <span className="annotation-mark-label"> [{piece.label}]</span>
                </mark>
              ),
            )}
          </p>
        ) : null}
        <figcaption>
          {name}: {summary}
        </figcaption>
        <Legend used={used} labels={labels} />
      </figure>
    );
  }
  return (
    <figure className="annotation" data-size={size}>
      <Picture
        url={annotation.imageUrl}
        image={answer.image}
        description={`${name}: ${summary} drawn on the task's image`}
      >
        <Shapes annotation={annotation} labels={labels} />
      </Picture>
      {!annotation.imageUrl && (
        <p className="annotation-note">The task's image cannot be shown here.</p>
      )}
      <Legend used={used} labels={labels} />
    </figure>
  );
}
