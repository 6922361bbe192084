/** The Segments list's row parts: the count cells while a count is retaken, and the summary in words. */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Table, Tbody, Tr } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { renderWithProviders } from '../test/render';
import { SegmentCountCells } from './SegmentCountCells';
import { SegmentSummary } from './SegmentSummary';
import type { RowCount } from './useSegmentCounts';

const inRow = (cells: ReactNode) => (
  <Table colCount={2} rowCount={1}>
    <Tbody>
      <Tr>{cells}</Tr>
    </Tbody>
  </Table>
);
const count = (over: Partial<RowCount>): RowCount => ({
  lastCount: 1234,
  lastCountAt: null,
  lastCountMs: 12,
  counting: false,
  pending: false,
  ...over,
});

it('keeps the last count in view with a visible "counting…" while it is retaken', () => {
  renderWithProviders(
    inRow(
      <SegmentCountCells name="Leads" count={count({ counting: true, lastCountAt: new Date(Date.now() - 3 * 3600_000).toISOString() })} />,
    ),
  );
  expect(screen.getByText('1,234')).toBeInTheDocument();
  expect(screen.getByText('counting…')).toBeVisible();
});

it('says how long ago the number was taken, with the date on hover, or that it never was', () => {
  const at = new Date(Date.now() - 5 * 60_000).toISOString();
  const { unmount } = renderWithProviders(inRow(<SegmentCountCells name="Leads" count={count({ lastCountAt: at })} />));
  const when = screen.getByTestId('counted-at');
  expect(when).toHaveTextContent('5 minutes ago · 12 ms');
  expect(when.getAttribute('title')).toMatch(/\d{4}/);
  unmount();
  renderWithProviders(inRow(<SegmentCountCells name="Leads" count={count({ lastCount: null, lastCountMs: null })} />));
  expect(screen.getByTestId('counted-at')).toHaveTextContent('Not counted yet');
});

it('cuts a long summary to one line and shows all of it on focus', async () => {
  const text = 'Lifecycle stage is Lead and company industry is Healthcare and has no deal created in the last 90 days';
  renderWithProviders(<SegmentSummary text={text} />);
  const line = screen.getByTestId('segment-summary');
  expect(line).toHaveStyle({ overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' });
  await userEvent.setup().tab();
  expect(line).toHaveFocus();
  await waitFor(() => expect(screen.getByRole('tooltip')).toHaveTextContent(text));
});
