import { ChartBand } from '../../../components/ChartBand.js';
import { ChartValueAxis } from '../../../components/ChartValueAxis.js';
import { SvgChart } from '../../../components/SvgChart.js';
import { niceTicks } from '../../../lib/chart-ticks.js';
import { countOf } from '../../../lib/format.js';
import type { WorkTimeDistribution } from '../../../../shared/api/work-times.js';
import '../../worker/earnings/earnings.css';
import { shortDuration } from './work-time-format.js';

const HEIGHT = 220;
const MARGIN = { top: 22, right: 16, bottom: 28, left: 40 };

/**
 * How long the submitted work took, as bars of equal width, with the implausibly fast range
 * shaded and the measured median and the requester's estimate marked. One image with a sentence
 * for screen readers; the figures beside it carry the same numbers in words.
 */
export function WorkTimeHistogram({
  distribution,
  summary,
}: {
  distribution: WorkTimeDistribution;
  summary: string;
}) {
  const { bins, medianSeconds, estimatedSeconds, plausibleFromSeconds } = distribution;
  const ticks = niceTicks(Math.max(0, ...bins.map((b) => b.count)));
  const yMax = ticks.at(-1)!;
  const xMax = bins.at(-1)?.toSeconds ?? 1;
  const markers = [
    { seconds: medianSeconds, label: 'median', kind: 'median' },
    { seconds: estimatedSeconds, label: 'your estimate', kind: 'estimate' },
  ].filter((m): m is { seconds: number; label: string; kind: string } => m.seconds !== null);

  return (
    <SvgChart
      height={HEIGHT}
      margin={MARGIN}
      title={`Work time of the latest submissions. ${summary}`}
    >
      {({ width, plotWidth, plotHeight }) => {
        const x = (seconds: number) => MARGIN.left + (Math.min(seconds, xMax) / xMax) * plotWidth;
        const y = (count: number) => MARGIN.top + plotHeight - (count / yMax) * plotHeight;
        const band = bins.length > 0 ? plotWidth / bins.length : 0;
        const labelEvery = Math.ceil(bins.length / Math.max(1, Math.floor(plotWidth / 56)));
        const nearRight = (seconds: number) => x(seconds) > width - 100;
        return (
          <>
            <rect
              x={MARGIN.left}
              y={MARGIN.top}
              width={x(plausibleFromSeconds) - MARGIN.left}
              height={plotHeight}
              className="chart-too-fast"
            >
              <title>{`Faster than ${shortDuration(plausibleFromSeconds)}: implausibly fast, left out of the median`}</title>
            </rect>
            <ChartValueAxis
              ticks={ticks}
              y={y}
              left={MARGIN.left}
              right={width - MARGIN.right}
              label={String}
            />
            {bins.map((bin, i) => (
              <ChartBand
                key={bin.fromSeconds}
                title={`${shortDuration(bin.fromSeconds)} to ${shortDuration(bin.toSeconds)}: ${countOf(bin.count, 'submission')}`}
                x={MARGIN.left + i * band}
                width={band}
                top={MARGIN.top}
                height={plotHeight}
              >
                {bin.count > 0 && (
                  <rect
                    x={MARGIN.left + i * band + 1}
                    y={y(bin.count)}
                    width={Math.max(1, band - 2)}
                    height={y(0) - y(bin.count)}
                    className="chart-rewards"
                  />
                )}
                {i % labelEvery === 0 && (
                  <text
                    x={MARGIN.left + i * band}
                    y={HEIGHT - 8}
                    textAnchor="middle"
                    className="chart-axis"
                  >
                    {shortDuration(bin.fromSeconds)}
                  </text>
                )}
              </ChartBand>
            ))}
            {markers.map((m) => (
              <g key={m.kind}>
                <line
                  x1={x(m.seconds)}
                  x2={x(m.seconds)}
                  y1={MARGIN.top}
                  y2={y(0)}
                  className={`chart-marker chart-marker-${m.kind}`}
                />
                {/* The median's label sits above the plot, the estimate's inside it: never on top of each other. */}
                <text
                  x={
                    m.kind === 'median'
                      ? x(m.seconds)
                      : x(m.seconds) + (nearRight(m.seconds) ? -4 : 4)
                  }
                  y={m.kind === 'median' ? MARGIN.top - 8 : MARGIN.top + 10}
                  textAnchor={
                    m.kind === 'median'
                      ? nearRight(m.seconds)
                        ? 'end'
                        : 'middle'
                      : nearRight(m.seconds)
                        ? 'end'
                        : 'start'
                  }
                  className={`chart-axis chart-marker-label-${m.kind}`}
                >
                  {`${m.label} ${shortDuration(m.seconds)}`}
                </text>
              </g>
            ))}
          </>
        );
      }}
    </SvgChart>
  );
}
