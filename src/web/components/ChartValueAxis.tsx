/**
 * The value axis of an SVG chart (the styles are in pages/worker/earnings/earnings.css): at each
 * tick a line across the plot, the one at zero drawn as the baseline, and its label to the left.
 */
export function ChartValueAxis({
  ticks,
  y,
  left,
  right,
  label,
}: {
  ticks: readonly number[];
  /** Where a value stands on the chart, in pixels from the top. */
  y: (value: number) => number;
  /** The plot's left and right edges, in pixels from the chart's left. */
  left: number;
  right: number;
  label: (tick: number) => string;
}) {
  return ticks.map((tick) => (
    <g key={tick}>
      <line
        x1={left}
        x2={right}
        y1={y(tick)}
        y2={y(tick)}
        className={tick === 0 ? 'chart-baseline' : 'chart-grid'}
      />
      <text x={left - 8} y={y(tick)} dy="0.32em" textAnchor="end" className="chart-axis">
        {label(tick)}
      </text>
    </g>
  ));
}
