import { styled } from 'styled-components';

export interface SparkPoint {
  at: string;
  count: number;
}

const WIDTH = 80;
const HEIGHT = 24;
const PAD = 2;

const Svg = styled.svg`
  flex-shrink: 0;
  overflow: visible;
  polyline {
    fill: none;
    stroke: ${({ theme }) => theme.colors.primary600};
    stroke-width: 1.5;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  circle {
    fill: ${({ theme }) => theme.colors.primary600};
  }
`;

/** The points of a sparkline in its box, oldest first: time across, counts up. */
function sparkPoints(unordered: SparkPoint[], width = WIDTH, height = HEIGHT): Array<[number, number]> {
  const points = [...unordered].sort((a, b) => a.at.localeCompare(b.at));
  const times = points.map((p) => Date.parse(p.at));
  const counts = points.map((p) => p.count);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [lo, hi] = [Math.min(...counts), Math.max(...counts)];
  const x = (t: number) => (t1 === t0 ? width / 2 : PAD + ((t - t0) / (t1 - t0)) * (width - 2 * PAD));
  // A flat series sits in the middle rather than on the floor.
  const y = (c: number) => (hi === lo ? height / 2 : PAD + (1 - (c - lo) / (hi - lo)) * (height - 2 * PAD));
  return points.map((p, i) => [Math.round(x(times[i]) * 10) / 10, Math.round(y(p.count) * 10) / 10]);
}

/**
 * A small line of counts over time (a watched segment's recent refreshes), drawn with the theme's
 * primary colour. `label` says what it shows, for screen readers and as the hover title. Nothing is
 * drawn without points.
 */
export const Sparkline = ({ points, label }: { points: SparkPoint[]; label: string }) => {
  if (points.length === 0) return null;
  const xy = sparkPoints(points);
  const [lastX, lastY] = xy[xy.length - 1];
  return (
    <Svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {xy.length > 1 ? <polyline points={xy.map(([x, y]) => `${x},${y}`).join(' ')} /> : null}
      <circle cx={lastX} cy={lastY} r={2} />
    </Svg>
  );
};
