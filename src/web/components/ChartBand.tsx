import type { ReactNode } from 'react';

/**
 * One bar's band of an SVG chart: its tooltip (`title`) and a hit area the band's full width and
 * the plot's full height, so that thin or empty bars are easy to hover; the bar's own shapes and
 * label are the children.
 */
export function ChartBand({
  title,
  x,
  width,
  top,
  height,
  children,
}: {
  title: string;
  x: number;
  width: number;
  /** The plot's top edge and height, in pixels. */
  top: number;
  height: number;
  children: ReactNode;
}) {
  return (
    <g className="chart-bar">
      <title>{title}</title>
      <rect x={x} y={top} width={width} height={height} className="chart-hit" />
      {children}
    </g>
  );
}
