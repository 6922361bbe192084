import { Table, Tbody, Tr } from '@strapi/design-system';
import { screen } from '@testing-library/react';
import type { LastRefresh } from '../../shared/contracts/watch';
import { renderWithProviders } from '../test/render';
import { withLastRefresh } from './lastRefreshCount';
import { SegmentCountCells } from './SegmentCountCells';
import type { RowCount } from './useSegmentCounts';

const counted: RowCount = { lastCount: 100, lastCountAt: '2026-11-30T10:00:00.000Z', lastCountMs: 12, counting: false, pending: false };
const refreshed = (over: Partial<LastRefresh> = {}): LastRefresh => ({
  at: '2026-12-01T10:00:00.000Z',
  status: 'ok',
  count: 131,
  entered: 40,
  left: 9,
  ...over,
});
const RECENT = [
  { at: '2026-11-29T10:00:00.000Z', count: 90 },
  { at: '2026-11-30T10:00:00.000Z', count: 100 },
  { at: '2026-12-01T10:00:00.000Z', count: 131 },
];

const renderRow = (count: RowCount, recent?: typeof RECENT) =>
  renderWithProviders(
    <Table colCount={2} rowCount={1}>
      <Tbody>
        <Tr>
          <SegmentCountCells name="Leads" count={count} recent={recent} />
        </Tr>
      </Tbody>
    </Table>,
  );

describe('a watched segment in the Segments list', () => {
  it('shows the count of its last refresh when that is newer than its last count, with the time of the refresh', () => {
    renderRow(withLastRefresh(counted, refreshed()), RECENT);
    expect(screen.getByText('131')).toBeInTheDocument();
    expect(screen.queryByText('100')).toBeNull();
    // A refresh has no "counted in … ms".
    expect(screen.queryByText(/ms$/)).toBeNull();
  });

  it('draws its recent counts as a sparkline named after it', () => {
    renderRow(counted, RECENT);
    const spark = screen.getByRole('img', { name: 'Contacts of Leads over the last 30 days: from 90 to 131' });
    expect(spark.querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(3);
  });

  it('draws no sparkline for a segment not watched', () => {
    renderRow(counted, []);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('100')).toBeInTheDocument();
  });
});

describe('withLastRefresh', () => {
  it('keeps a newer count, a failed refresh, and a row being counted as they are', () => {
    expect(withLastRefresh(counted, refreshed({ at: '2026-11-29T10:00:00.000Z' }))).toBe(counted);
    expect(withLastRefresh(counted, refreshed({ status: 'failed', count: null, error: 'timeout' }))).toBe(counted);
    expect(withLastRefresh({ ...counted, counting: true }, refreshed()).lastCount).toBe(100);
    expect(withLastRefresh(counted, null)).toBe(counted);
  });

  it('takes the refresh for a segment never counted', () => {
    const never: RowCount = { lastCount: null, lastCountAt: null, lastCountMs: null, counting: false, pending: false };
    expect(withLastRefresh(never, refreshed())).toMatchObject({
      lastCount: 131,
      lastCountAt: '2026-12-01T10:00:00.000Z',
      lastCountMs: null,
    });
  });
});
