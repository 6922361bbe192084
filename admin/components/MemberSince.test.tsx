import { screen, within } from '@testing-library/react';
import type { Page } from '../../shared/contracts/paging';
import { renderWithProviders } from '../test/render';
import { MembersTable, type Member } from './MembersTable';

// Strapi's admin package does not load in jsdom; the table's footer only needs its paging as a stand-in.
jest.mock('@strapi/strapi/admin', () => ({
  Pagination: { Root: ({ children }: { children: unknown }) => children, PageSize: () => null, Links: () => null },
}));

const page: Page<Member> = {
  data: [
    { documentId: 'c1', name: 'Ana', email: 'ana@x.io', company: 'Acme', createdAt: null, since: '2026-11-20T09:30:00.000Z' },
    { documentId: 'c2', name: 'Bert', email: 'bert@x.io', company: null, createdAt: null, since: null },
  ],
  meta: { pagination: { page: 1, pageSize: 25, pageCount: 1, total: 2 } },
};

/** How the admin writes a date (components/format.ts), in the machine's time zone. */
const ADMIN_DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
// The design system's table is a grid: its heads are gridcells of the first row too.
const table = () =>
  screen.getAllByRole('row').map((row) =>
    within(row)
      .getAllByRole('gridcell')
      .map((cell) => cell.textContent),
  );
const headings = () => table()[0];
const UNSORTED = { sortBy: () => undefined, sorted: () => false as const };

it('shows since when each member of a watched segment is in, a dash before its first refresh', () => {
  renderWithProviders(<MembersTable state={{ data: page, loading: false }} empty="" pageSize={25} withCompany withSince sort={UNSORTED} />);
  expect(headings()).toEqual(['Name', 'Email', 'Company', 'Created', 'Member since']);
  expect(
    table()
      .slice(1)
      .map((row) => row[4]),
  ).toEqual([ADMIN_DATE.format(new Date('2026-11-20T09:30:00.000Z')), '—']);
});

it('has no "Member since" column for a segment not watched', () => {
  renderWithProviders(<MembersTable state={{ data: page, loading: false }} empty="" pageSize={25} withCompany sort={UNSORTED} />);
  expect(headings()).toEqual(['Name', 'Email', 'Company', 'Created']);
});
