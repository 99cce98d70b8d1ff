import { ChartValueAxis } from '../../../components/ChartValueAxis.js';
import { SvgChart } from '../../../components/SvgChart.js';
import { niceTicks } from '../../../lib/chart-ticks.js';
import type { WorkerQuality } from '../../../../shared/api/aggregates.js';
import '../../worker/earnings/earnings.css';

const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 36, left: 48 };
const ACCURACY_TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Each worker as a dot: how much they handed in (across) against Dawid-Skene's estimate of their
 * accuracy (up). A busy worker low on the chart costs the most. One image with a sentence for
 * screen readers; the table beside it carries every figure.
 */
export function AccuracyScatter({ workers }: { workers: readonly WorkerQuality[] }) {
  const estimated = workers.filter((w) => w.estimatedAccuracy !== null);
  const ticks = niceTicks(Math.max(0, ...estimated.map((w) => w.submitted)));
  const xMax = ticks.at(-1)!;
  const summary =
    estimated.length === 0
      ? 'No worker has an estimate yet.'
      : `${estimated.length} ${estimated.length === 1 ? 'worker' : 'workers'}; estimated accuracy from ${Math.round(
          Math.min(...estimated.map((w) => w.estimatedAccuracy!)) * 100,
        )}% to ${Math.round(Math.max(...estimated.map((w) => w.estimatedAccuracy!)) * 100)}%.`;

  return (
    <SvgChart
      height={HEIGHT}
      margin={MARGIN}
      title={`Estimated accuracy against work handed in. ${summary}`}
    >
      {({ width, plotWidth, plotHeight }) => {
        const x = (n: number) => MARGIN.left + (n / xMax) * plotWidth;
        const y = (a: number) => MARGIN.top + plotHeight - a * plotHeight;
        return (
          <>
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
          </>
        );
      }}
    </SvgChart>
  );
}
