import { screen } from '@testing-library/react';
import { renderWithProviders } from '../test/render';
import { Sparkline } from './Sparkline';

const point = (day: number, count: number) => ({ at: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`, count });
const coordinates = () =>
  screen
    .getByRole('img')
    .querySelector('polyline')!
    .getAttribute('points')!
    .split(' ')
    .map((xy) => xy.split(',').map(Number));

it('draws the counts oldest first, higher up for more, across the whole width', () => {
  renderWithProviders(<Sparkline points={[point(3, 50), point(1, 10), point(2, 30)]} label="Leads: 10 to 50" />);
  expect(screen.getByRole('img', { name: 'Leads: 10 to 50' })).toBeInTheDocument();
  const xy = coordinates();
  expect(xy).toHaveLength(3);
  const [xs, ys] = [xy.map(([x]) => x), xy.map(([, y]) => y)];
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  expect(ys[0]).toBeGreaterThan(ys[1]);
  expect(ys[1]).toBeGreaterThan(ys[2]);
  expect(xs[2] - xs[0]).toBeGreaterThan(70);
});

it('draws a flat series mid-height and a single point as a dot', () => {
  const { rerender } = renderWithProviders(<Sparkline points={[point(1, 7), point(2, 7)]} label="flat" />);
  expect(new Set(coordinates().map(([, y]) => y))).toEqual(new Set([12]));
  rerender(<Sparkline points={[point(1, 7)]} label="one" />);
  expect(screen.getByRole('img', { name: 'one' }).querySelector('polyline')).toBeNull();
  expect(screen.getByRole('img', { name: 'one' }).querySelector('circle')).not.toBeNull();
});

it('draws nothing without points', () => {
  renderWithProviders(<Sparkline points={[]} label="none" />);
  expect(screen.queryByRole('img')).toBeNull();
});
