import { screen } from '@testing-library/react';
import type { HistoryPoint } from '../../../shared/contracts/watch';
import { renderWithProviders } from '../../test/render';
import { BOX } from './chartGeometry';
import { HistoryChart, type HistoryState } from './HistoryChart';

const FROM = Date.parse('2026-11-01T00:00:00.000Z');
const TO = Date.parse('2026-12-01T00:00:00.000Z');
const at = (day: number) => new Date(FROM + day * 86_400_000).toISOString();
const ok = (day: number, count: number, entered = 0, left = 0): HistoryPoint => ({ at: at(day), status: 'ok', count, entered, left });
const failed = (day: number): HistoryPoint => ({ at: at(day), status: 'failed', count: null, entered: 0, left: 0 });

const render = (state: HistoryState) => renderWithProviders(<HistoryChart state={state} days={30} />);
const loaded = (points: HistoryPoint[]): HistoryState => ({ loading: false, data: { points, from: FROM, to: TO } });
const dots = () => screen.getAllByTestId('chart-point').map((c) => ({ x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) }));

it('draws one point per successful refresh, left to right in time, higher for a higher count', () => {
  render(loaded([ok(0, 100), ok(15, 130, 40, 10), ok(30, 90, 0, 40)]));
  const [first, middle, last] = dots();
  expect(dots()).toHaveLength(3);
  expect(first.x).toBeLessThan(middle.x);
  expect(middle.x).toBeLessThan(last.x);
  // The middle refresh lies halfway in time.
  expect(middle.x - first.x).toBeCloseTo(last.x - middle.x, 0);
  // SVG y grows downwards.
  expect(middle.y).toBeLessThan(first.y);
  expect(last.y).toBeGreaterThan(first.y);
  expect(screen.getByRole('img', { name: 'Contacts over the last 30 days' })).toBeInTheDocument();
  expect(screen.getByText('3 refreshes: from 100 to 90 contacts, +40 entered, −50 left')).toBeInTheDocument();
  // Each point says its refresh on hover (an SVG title).
  expect(screen.getByText(/: 130 contacts, \+40 entered, −10 left$/).parentElement?.tagName).toBe('circle');
});

it('spans the time axis from the first refresh to the last, for a segment watched lately', () => {
  render(loaded([ok(20, 100), ok(25, 104, 4, 0), ok(30, 101, 0, 3)]));
  const [first, middle, last] = dots();
  // The plot's left and right edges.
  expect(first.x).toBe(BOX.left);
  expect(last.x).toBe(BOX.width - BOX.right);
  expect(middle.x).toBeCloseTo((first.x + last.x) / 2, 0);
});

it('spreads refreshes seconds apart across the width, and puts a lone one in the middle', () => {
  const seconds = (s: number): HistoryPoint => ({
    at: new Date(TO - 60_000 + s * 1000).toISOString(),
    status: 'ok',
    count: 4,
    entered: 0,
    left: 0,
  });
  const { rerender } = render(loaded([seconds(0), seconds(3)]));
  expect(dots().map((d) => d.x)).toEqual([BOX.left, BOX.width - BOX.right]);
  rerender(<HistoryChart state={loaded([seconds(0)])} days={30} />);
  expect(dots()[0].x).toBeCloseTo((BOX.left + BOX.width - BOX.right) / 2, 0);
});

it('draws entered up and left down, to one scale', () => {
  const { container } = render(loaded([ok(0, 100), ok(10, 120, 20, 0), ok(20, 110, 0, 10)]));
  expect(screen.getAllByTestId('chart-bar')).toHaveLength(2);
  const entered = container.querySelectorAll('rect.entered');
  const left = container.querySelectorAll('rect.left');
  expect(entered).toHaveLength(1);
  expect(left).toHaveLength(1);
  expect(Number(entered[0].getAttribute('height'))).toBeCloseTo(2 * Number(left[0].getAttribute('height')), 1);
});

it('marks a failed refresh on the time axis, without a point, and says so', () => {
  render(loaded([ok(0, 100), failed(10), ok(20, 104, 4, 0)]));
  expect(screen.getAllByTestId('chart-point')).toHaveLength(2);
  expect(screen.getAllByTestId('chart-failed')).toHaveLength(1);
  expect(screen.getByText(/: the refresh failed$/).parentElement).toHaveAttribute('data-testid', 'chart-failed');
  expect(screen.getByText('2 refreshes: from 100 to 104 contacts, +4 entered, −0 left · 1 refresh failed')).toBeInTheDocument();
  expect(screen.getByText('Failed refresh')).toBeInTheDocument();
});

it('shows only failures when no refresh succeeded', () => {
  render(loaded([failed(3), failed(4)]));
  expect(screen.queryAllByTestId('chart-point')).toHaveLength(0);
  expect(screen.getAllByTestId('chart-failed')).toHaveLength(2);
  expect(screen.getByText('2 refreshes failed')).toBeInTheDocument();
});

it('has an empty state, a loading state and an error', () => {
  const { rerender } = render({ loading: true });
  expect(screen.getByText('Loading the history')).toBeInTheDocument();
  rerender(<HistoryChart state={loaded([])} days={30} />);
  expect(screen.getByText('No refresh in the last 30 days yet')).toBeInTheDocument();
  expect(screen.queryByRole('img')).toBeNull();
  rerender(<HistoryChart state={{ loading: false, error: 'Forbidden' }} days={30} />);
  expect(screen.getByText('The history could not be loaded: Forbidden')).toHaveAttribute('role', 'alert');
});
