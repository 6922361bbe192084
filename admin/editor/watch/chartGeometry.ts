import type { HistoryPoint } from '../../../shared/contracts/watch';

/** The chart's drawing box (SVG user units; the SVG scales to its container's width). */
export const BOX = { width: 640, height: 216, left: 56, right: 12, top: 10 } as const;
/** The count line's band, and below it the band of entered (up) and left (down) bars. */
const COUNT_BAND = { top: BOX.top, bottom: 130 };
const CHANGE_BAND = { top: 146, bottom: 194 };
export const CHANGE_MIDDLE = (CHANGE_BAND.top + CHANGE_BAND.bottom) / 2;
export const AXIS_Y = 210;
const BAR_WIDTH = 4;

export interface Dot {
  x: number;
  y: number;
  point: HistoryPoint & { count: number };
}

export interface Bar {
  x: number;
  /** Height above the middle line (entered) and below it (left). */
  up: number;
  down: number;
  point: HistoryPoint;
}

export interface ChartGeometry {
  line: string;
  dots: Dot[];
  failures: Array<{ x: number; point: HistoryPoint }>;
  bars: Bar[];
  barWidth: number;
  /** Count labels on the left, top and bottom of the count band. */
  ticks: Array<{ y: number; value: number }>;
  plot: { left: number; right: number; countTop: number; countBottom: number };
  /** The times at the axis's ends (ms). */
  domain: { from: number; to: number };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Around a single refresh, the axis spans this much, so its point sits in the middle. */
const LONE_SPAN_MS = 60_000;

/**
 * Where each refresh of `points` (oldest first) goes on a time axis from the first refresh in
 * `window` to the last (a segment watched since this morning is drawn across the width, not squeezed
 * against the right edge of 30 days): successful ones as dots on the count line, failed ones as
 * marks on the time axis, and every refresh's entered and left as bars. The count axis spans the
 * counts seen, with a margin, so small changes stay visible.
 */
export function chartGeometry(points: HistoryPoint[], window: { from: number; to: number }): ChartGeometry {
  const plot = { left: BOX.left, right: BOX.width - BOX.right, countTop: COUNT_BAND.top, countBottom: COUNT_BAND.bottom };
  const times = points.map((p) => Date.parse(p.at));
  const first = times.length ? Math.max(window.from, Math.min(...times)) : window.from;
  const last = times.length ? Math.min(window.to, Math.max(...times)) : window.to;
  const [from, to] = last > first ? [first, last] : [first - LONE_SPAN_MS / 2, first + LONE_SPAN_MS / 2];
  const span = to - from;
  const x = (at: string) => round(plot.left + ((Math.min(to, Math.max(from, Date.parse(at))) - from) / span) * (plot.right - plot.left));

  const counted = points.filter((p): p is Dot['point'] => p.status === 'ok' && p.count != null);
  const counts = counted.map((p) => p.count);
  const [min, max] = counts.length ? [Math.min(...counts), Math.max(...counts)] : [0, 0];
  const margin = Math.max(1, Math.ceil((max - min) * 0.1));
  const [lo, hi] = [Math.max(0, min - margin), max + margin];
  const y = (count: number) => round(COUNT_BAND.bottom - ((count - lo) / (hi - lo)) * (COUNT_BAND.bottom - COUNT_BAND.top));

  const dots = counted.map((point) => ({ x: x(point.at), y: y(point.count), point }));
  const line = dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x} ${d.y}`).join(' ');

  const half = (CHANGE_BAND.bottom - CHANGE_BAND.top) / 2;
  const most = Math.max(1, ...points.map((p) => Math.max(p.entered, p.left)));
  const bars = points
    .filter((p) => p.entered > 0 || p.left > 0)
    .map((point) => ({ x: x(point.at), up: round((point.entered / most) * half), down: round((point.left / most) * half), point }));

  return {
    line,
    dots,
    failures: points.filter((p) => p.status === 'failed').map((point) => ({ x: x(point.at), point })),
    bars,
    barWidth: BAR_WIDTH,
    ticks: counts.length
      ? [
          { y: y(hi), value: hi },
          { y: y(lo), value: lo },
        ]
      : [],
    plot,
    domain: { from, to },
  };
}
