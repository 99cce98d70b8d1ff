import { useElementSize } from '@mantine/hooks';
import { useId, type ReactNode } from 'react';

/** The space around a chart's plot for its axes and labels, in pixels. */
export type ChartMargin = { top: number; right: number; bottom: number; left: number };

/** Where a chart draws: its whole width, and the plot's inside the margins, in pixels. */
export type ChartArea = { width: number; plotWidth: number; plotHeight: number };

/**
 * An SVG chart drawn at its container's real width, so text never stretches (the styles are in
 * pages/worker/earnings/earnings.css). The picture is one image named by `title`, a sentence for
 * screen readers; nothing is drawn until the container has been measured.
 */
export function SvgChart({
  height,
  margin,
  title,
  children,
}: {
  height: number;
  margin: ChartMargin;
  title: string;
  children: (area: ChartArea) => ReactNode;
}) {
  const { ref, width } = useElementSize();
  const titleId = useId();
  const plotWidth = Math.max(0, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  return (
    <div ref={ref} className="earnings-chart">
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-labelledby={titleId}>
          <title id={titleId}>{title}</title>
          {children({ width, plotWidth, plotHeight })}
        </svg>
      )}
    </div>
  );
}
