import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useId } from 'react';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import type { HistoryPoint } from '../../../shared/contracts/watch';
import { useFormat } from '../../components/format';
import { useT } from '../../i18n';
import { AXIS_Y, BOX, CHANGE_MIDDLE, chartGeometry } from './chartGeometry';
import { ChartLegend } from './ChartLegend';
import { LoadedPart, type Loading } from './LoadedPart';

const Svg = styled.svg`
  display: block;
  width: 100%;
  height: auto;
  text {
    font-size: 11px;
    fill: ${({ theme }) => theme.colors.neutral600};
  }
  .grid {
    stroke: ${({ theme }) => theme.colors.neutral200};
    stroke-width: 1;
  }
  .line {
    fill: none;
    stroke: ${({ theme }) => theme.colors.primary600};
    stroke-width: 2;
    stroke-linejoin: round;
  }
  .dot {
    fill: ${({ theme }) => theme.colors.neutral0};
    stroke: ${({ theme }) => theme.colors.primary600};
    stroke-width: 2;
  }
  .entered {
    fill: ${({ theme }) => theme.colors.success500};
  }
  .left {
    fill: ${({ theme }) => theme.colors.danger500};
  }
  .failed {
    stroke: ${({ theme }) => theme.colors.danger600};
    stroke-width: 1.5;
    stroke-dasharray: 3 3;
  }
  .failed-mark {
    fill: ${({ theme }) => theme.colors.danger600};
  }
`;

/** The refreshes between `from` and `to` (ms), oldest first. */
export interface HistoryWindow {
  points: HistoryPoint[];
  from: number;
  to: number;
}

export type HistoryState = Loading<HistoryWindow>;

/**
 * A watched segment's count over the last `days` days, one dot per refresh, with each refresh's
 * entered (up) and left (down) as bars under it and failed refreshes marked on the time axis. Drawn
 * as inline SVG with the theme's colours; a sentence under it says the same in words.
 */
export const HistoryChart = ({ state, days }: { state: HistoryState; days: number }) => {
  const t = useT();
  const titleId = useId();
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex justifyContent="space-between" alignItems="center">
        <Typography variant="sigma" textColor="neutral600" tag="h3" id={titleId}>
          {t('watch.chartTitle', { days })}
        </Typography>
        {state.loading && state.data ? <Loader small>{t('watch.chartLoading')}</Loader> : null}
      </Flex>
      <LoadedPart
        state={state}
        loading={t('watch.chartLoading')}
        failed={(message) => t('watch.chartFailed', { message })}
        isEmpty={(history) => history.points.length === 0}
        empty={
          <Box background="neutral100" hasRadius padding={4}>
            <Typography textColor="neutral600">{t('watch.chartEmpty', { days })}</Typography>
          </Box>
        }
      >
        {(history) => <Drawing {...history} labelledBy={titleId} />}
      </LoadedPart>
    </Flex>
  );
};

const HOUR_MS = 3_600_000;
/** The axis's end dates: with seconds within an hour, with the time within two days, else the day. */
const axisDate = (span: number): Intl.DateTimeFormatOptions =>
  span < HOUR_MS
    ? { hour: 'numeric', minute: '2-digit', second: '2-digit' }
    : span < 48 * HOUR_MS
      ? { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
      : { month: 'short', day: 'numeric' };

const Drawing = ({ points, from, to, labelledBy }: { points: HistoryPoint[]; from: number; to: number; labelledBy: string }) => {
  const t = useT();
  const intl = useIntl();
  const format = useFormat();
  const g = chartGeometry(points, { from, to });
  const end = (ms: number) => intl.formatDate(ms, axisDate(g.domain.to - g.domain.from));
  const summaryId = useId();
  return (
    <>
      <Svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-labelledby={labelledBy} aria-describedby={summaryId}>
        {g.ticks.map((tick) => (
          <g key={tick.y}>
            <line className="grid" x1={g.plot.left} x2={g.plot.right} y1={tick.y} y2={tick.y} />
            <text x={g.plot.left - 6} y={tick.y + 4} textAnchor="end">
              {intl.formatNumber(tick.value)}
            </text>
          </g>
        ))}
        <line className="grid" x1={g.plot.left} x2={g.plot.right} y1={CHANGE_MIDDLE} y2={CHANGE_MIDDLE} />
        {g.failures.map(({ x, point }) => (
          <g key={`failed-${point.at}`} data-testid="chart-failed">
            <title>{t('watch.pointFailed', { date: format.date(point.at) })}</title>
            <line className="failed" x1={x} x2={x} y1={g.plot.countTop} y2={g.plot.countBottom} />
            <circle className="failed-mark" cx={x} cy={g.plot.countBottom} r={4} />
          </g>
        ))}
        {g.bars.map(({ x, up, down, point }) => (
          <g key={`bar-${point.at}`} data-testid="chart-bar">
            <title>{t('watch.refreshed', { entered: point.entered, left: point.left })}</title>
            {up > 0 ? <rect className="entered" x={x - g.barWidth / 2} y={CHANGE_MIDDLE - up} width={g.barWidth} height={up} /> : null}
            {down > 0 ? <rect className="left" x={x - g.barWidth / 2} y={CHANGE_MIDDLE} width={g.barWidth} height={down} /> : null}
          </g>
        ))}
        {g.dots.length > 1 ? <path className="line" d={g.line} /> : null}
        {g.dots.map(({ x, y, point }) => (
          <circle key={`dot-${point.at}`} className="dot" cx={x} cy={y} r={3.5} data-testid="chart-point">
            <title>{t('watch.point', { date: format.date(point.at), count: point.count, entered: point.entered, left: point.left })}</title>
          </circle>
        ))}
        <text x={g.plot.left} y={AXIS_Y}>
          {end(g.domain.from)}
        </text>
        <text x={g.plot.right} y={AXIS_Y} textAnchor="end">
          {end(g.domain.to)}
        </text>
      </Svg>
      <ChartLegend hasFailures={g.failures.length > 0} />
      <Typography variant="pi" textColor="neutral600" id={summaryId}>
        <ChartSummary points={points} />
      </Typography>
    </>
  );
};

/** The chart in words: refreshes, first and last count, entered and left in all, failures. */
const ChartSummary = ({ points }: { points: HistoryPoint[] }) => {
  const t = useT();
  const counted = points.filter((p) => p.status === 'ok' && p.count != null);
  const failed = points.length - counted.length;
  const sum = (key: 'entered' | 'left') => points.reduce((n, p) => n + p[key], 0);
  const parts = [];
  if (counted.length > 0) {
    parts.push(
      t('watch.chartSummary', {
        refreshes: counted.length,
        first: counted[0].count,
        last: counted[counted.length - 1].count,
        entered: sum('entered'),
        left: sum('left'),
      }),
    );
  }
  if (failed > 0) parts.push(t('watch.chartFailures', { count: failed }));
  return <>{parts.join(' · ')}</>;
};
