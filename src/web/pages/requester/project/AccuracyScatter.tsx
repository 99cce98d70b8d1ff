import { useElementSize } from '@mantine/hooks';
import { useId } from 'react';
import { ChartValueAxis } from '../../../components/ChartValueAxis.js';
import type { WorkerQuality } from '../../../../shared/api/aggregates.js';
import '../../worker/earnings/earnings.css';

const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 36, left: 48 };
const ACCURACY_TICKS = [0, 0.25, 0.5, 0.75, 1];

/** Round numbers for the volume axis: 0 and about four steps up to the largest count. */
function volumeTicks(max: number): number[] {
  const raw = Math.max(1, max) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return Array.from({ length: Math.ceil(Math.max(1, max) / step) + 1 }, (_, i) => i * step);
}

/**
 * Each worker as a dot: how much they handed in (across) against Dawid-Skene's estimate of their
 * accuracy (up). A busy worker low on the chart costs the most. One image with a sentence for
 * screen readers; the table beside it carries every figure.
 */
export function AccuracyScatter({ workers }: { workers: readonly WorkerQuality[] }) {
  const { ref, width } = useElementSize();
  const titleId = useId();
  const estimated = workers.filter((w) => w.estimatedAccuracy !== null);
  const ticks = volumeTicks(Math.max(0, ...estimated.map((w) => w.submitted)));
  const xMax = ticks.at(-1)!;
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (n: number) => MARGIN.left + (n / xMax) * plotWidth;
  const y = (a: number) => MARGIN.top + plotHeight - a * plotHeight;
  const summary =
    estimated.length === 0
      ? 'No worker has an estimate yet.'
      : `${estimated.length} ${estimated.length === 1 ? 'worker' : 'workers'}; estimated accuracy from ${Math.round(
          Math.min(...estimated.map((w) => w.estimatedAccuracy!)) * 100,
        )}% to ${Math.round(Math.max(...estimated.map((w) => w.estimatedAccuracy!)) * 100)}%.`;

  return (
    <div ref={ref} className="earnings-chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} role="img" aria-labelledby={titleId}>
          <title id={titleId}>{`Estimated accuracy against work handed in. ${summary}`}</title>
          <ChartValueAxis
            ticks={ACCURACY_TICKS}
            y={y}
            left={MARGIN.left}
            right={width - MARGIN.right}
            label={(tick) => `${tick * 100}%`}
          />
          {ticks.map((tick) => (
            <text
              key={tick}
              x={x(tick)}
              y={HEIGHT - MARGIN.bottom + 16}
              textAnchor="middle"
              className="chart-axis"
            >
              {tick.toLocaleString('en')}
            </text>
          ))}
          <text
            x={MARGIN.left + plotWidth / 2}
            y={HEIGHT - 4}
            textAnchor="middle"
            className="chart-axis"
          >
            Submissions
          </text>
          {estimated.map((w) => (
            <circle
              key={w.workerId}
              cx={x(w.submitted)}
              cy={y(w.estimatedAccuracy!)}
              r={6}
              className={w.estimatedAccuracy! < 0.7 ? 'chart-dot chart-dot-low' : 'chart-dot'}
            >
              <title>{`${w.displayName}: ${w.submitted} submitted, estimated accuracy ${Math.round(w.estimatedAccuracy! * 100)}%`}</title>
            </circle>
          ))}
        </svg>
      )}
    </div>
  );
}
