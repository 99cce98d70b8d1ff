import { ChartBand } from '../../../components/ChartBand.js';
import { ChartValueAxis } from '../../../components/ChartValueAxis.js';
import { SvgChart } from '../../../components/SvgChart.js';
import { formatCents } from '../../../../shared/money.js';
import { formatAxisCents, type ChartBar, type ChartModel } from './chart-data.js';

const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 52 };

function barTitle(bar: ChartBar): string {
  if (bar.totalCents === 0) return `${bar.longLabel}: nothing approved`;
  const work =
    bar.rewardsCents > 0
      ? `${formatCents(bar.rewardsCents)} for ${bar.approvedCount} approved ${bar.approvedCount === 1 ? 'task' : 'tasks'}`
      : '';
  const bonus = bar.bonusesCents > 0 ? `${formatCents(bar.bonusesCents)} in bonuses` : '';
  return `${bar.longLabel}: ${[work, bonus].filter(Boolean).join(' and ')}`;
}

/**
 * Earnings per day as stacked bars (rewards, then bonuses on top). The table view next to it
 * carries every figure.
 */
export function EarningsBarChart({ chart }: { chart: ChartModel }) {
  return (
    <SvgChart height={HEIGHT} margin={MARGIN} title={`Earnings per day. ${chart.summary}`}>
      {({ width, plotWidth, plotHeight }) => {
        const band = chart.bars.length > 0 ? plotWidth / chart.bars.length : 0;
        const barWidth = Math.max(2, Math.min(28, band * 0.66));
        const y = (cents: number) =>
          MARGIN.top + plotHeight - (cents / chart.axisMaxCents) * plotHeight;
        return (
          <>
            <ChartValueAxis
              ticks={chart.ticks}
              y={y}
              left={MARGIN.left}
              right={width - MARGIN.right}
              label={formatAxisCents}
            />
            {chart.bars.map((bar, i) => {
              const x = MARGIN.left + i * band + (band - barWidth) / 2;
              const rewardsTop = y(bar.rewardsCents);
              const totalTop = y(bar.totalCents);
              return (
                <ChartBand
                  key={bar.date}
                  title={barTitle(bar)}
                  x={MARGIN.left + i * band}
                  width={band}
                  top={MARGIN.top}
                  height={plotHeight}
                >
                  {bar.rewardsCents > 0 && (
                    <rect
                      x={x}
                      y={rewardsTop}
                      width={barWidth}
                      height={y(0) - rewardsTop}
                      className="chart-rewards"
                    />
                  )}
                  {bar.bonusesCents > 0 && (
                    <rect
                      x={x}
                      y={totalTop}
                      width={barWidth}
                      height={rewardsTop - totalTop}
                      className="chart-bonuses"
                    />
                  )}
                  {bar.showLabel && (
                    <text
                      x={x + barWidth / 2}
                      y={HEIGHT - 8}
                      textAnchor="middle"
                      className="chart-axis"
                    >
                      {bar.label}
                    </text>
                  )}
                </ChartBand>
              );
            })}
          </>
        );
      }}
    </SvgChart>
  );
}
