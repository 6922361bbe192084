/** The member pages of a list and of a segment: search, sort, links to the contacts, CSV download, renaming a list. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { renderWithProviders } from '../test/render';
import { ListMembersPage } from './ListMembersPage';
import { SegmentMembersPage } from './SegmentMembersPage';
import { segmentRecord } from '../test/fixtures';

const mockNotify = jest.fn();
const mockAllowed = { current: { canRead: true, canUpdate: true } as Record<string, boolean> };
jest.mock('@strapi/strapi/admin', () => {
  const Pass = ({ children }: { children?: ReactNode }) => <>{children}</>;
  return {
    Page: { Main: Pass, Title: () => null, Error: () => <p>error</p>, Loading: () => <p>loading</p> },
    Layouts: {
      Header: ({ title, primaryAction, navigationAction }: { title: string; primaryAction?: ReactNode; navigationAction?: ReactNode }) => (
        <header>
          {navigationAction}
          <h1>{title}</h1>
          {primaryAction}
        </header>
      ),
      Content: Pass,
    },
    Pagination: { Root: Pass, PageSize: () => null, Links: () => null },
    useNotification: () => ({ toggleNotification: mockNotify }),
    useAPIErrorHandler: () => ({ formatAPIError: (e: { message?: string }) => e.message ?? 'failed' }),
    useRBAC: () => ({ allowedActions: mockAllowed.current }),
  };
});

const page = (data: Array<{ documentId: string; name: string; email: string }>) => ({
  data: data.map((m) => ({ ...m, createdAt: '2026-11-01T00:00:00.000Z' })),
  meta: { pagination: { page: 1, pageSize: 25, pageCount: 1, total: data.length } },
});
const LIST = {
  id: 1,
  documentId: 'list1',
  name: 'Spring leads',
  memberCount: 2,
  frozenAt: '2026-11-01T00:00:00.000Z',
  segmentName: 'Leads',
  segment: null,
};

const mockApi = {
  settings: jest.fn(async () => ({ countMaxAgeSeconds: 900, contactType: 'api::contact.contact' })),
  list: jest.fn(async () => LIST),
  listMembers: jest.fn(async () =>
    page([
      { documentId: 'c1', name: 'Ana Lee', email: 'ana@x.io' },
      { documentId: 'c2', name: 'Ben Ray', email: 'ben@x.io' },
    ]),
  ),
  renameList: jest.fn(async (_id: string, name: string) => ({ ...LIST, name })),
  segment: jest.fn(async () => segmentRecord()),
  segmentMembers: jest.fn(async () => page([{ documentId: 'c1', name: 'Ana Lee', email: 'ana@x.io' }])),
  membersCsv: jest.fn(async () => new Blob(['documentId,name,email,createdAt\r\n'], { type: 'text/csv' })),
};
jest.mock('../api', () => ({ useSegmentsApi: () => mockApi }));

const renderList = () =>
  renderWithProviders(
    <Routes>
      <Route path="/plugins/segments/lists/:documentId" element={<ListMembersPage />} />
    </Routes>,
    { route: '/plugins/segments/lists/list1' },
  );

beforeEach(() => {
  jest.clearAllMocks();
  mockAllowed.current = { canRead: true, canUpdate: true };
});

it('links each member to the contact in the Content Manager', async () => {
  renderList();
  const ana = await screen.findByRole('link', { name: 'Ana Lee' });
  expect(ana).toHaveAttribute('href', '/content-manager/collection-types/api::contact.contact/c1');
});

it('searches members by name or email on the server, from page 1', async () => {
  const user = userEvent.setup();
  renderList();
  await screen.findByText('Ana Lee');
  await user.type(screen.getByRole('searchbox', { name: 'Search by name or email' }), 'ben');
  await waitFor(() =>
    expect(mockApi.listMembers).toHaveBeenLastCalledWith('list1', { page: 1, pageSize: 25, q: 'ben', sort: undefined, order: undefined }),
  );
});

it('sorts by a column head, and the other way round on a second click', async () => {
  const user = userEvent.setup();
  renderList();
  await screen.findByText('Ana Lee');
  const sortBy = (name: string) => screen.getByRole('button', { name });
  const head = () => sortBy('Email').closest('th');
  await user.click(sortBy('Email'));
  await waitFor(() =>
    expect(mockApi.listMembers).toHaveBeenLastCalledWith('list1', expect.objectContaining({ sort: 'email', order: 'asc' })),
  );
  expect(head()).toHaveAttribute('aria-sort', 'ascending');
  await user.click(sortBy('Email'));
  await waitFor(() =>
    expect(mockApi.listMembers).toHaveBeenLastCalledWith('list1', expect.objectContaining({ sort: 'email', order: 'desc' })),
  );
  expect(head()).toHaveAttribute('aria-sort', 'descending');
  // Created starts newest first.
  await user.click(sortBy('Created'));
  await waitFor(() =>
    expect(mockApi.listMembers).toHaveBeenLastCalledWith('list1', expect.objectContaining({ sort: 'createdAt', order: 'desc' })),
  );
});

it('downloads every member as CSV, named after the list', async () => {
  const user = userEvent.setup();
  const created = jest.fn(() => 'blob:members');
  const clicked: Array<{ href: string; download: string }> = [];
  Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.getAttribute('href')!, download: this.download });
  });
  renderList();
  await user.click(await screen.findByRole('button', { name: 'Download CSV' }));
  await waitFor(() => expect(clicked).toEqual([{ href: 'blob:members', download: 'Spring leads.csv' }]));
  expect(mockApi.membersCsv).toHaveBeenCalledWith('lists', 'list1');
  click.mockRestore();
});

it('renames the list, refusing a blank name before sending it', async () => {
  const user = userEvent.setup();
  renderList();
  await user.click(await screen.findByRole('button', { name: 'Rename' }));
  const dialog = await screen.findByRole('dialog');
  const input = within(dialog).getByRole('textbox', { name: /Name/ });
  await user.clear(input);
  await user.type(input, '   ');
  await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
  expect(await within(dialog).findByText('Enter a name for the list')).toBeInTheDocument();
  expect(mockApi.renameList).not.toHaveBeenCalled();
  await user.clear(input);
  await user.type(input, 'Autumn leads');
  await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
  await waitFor(() => expect(mockApi.renameList).toHaveBeenCalledWith('list1', 'Autumn leads'));
  expect(mockNotify).toHaveBeenCalledWith({ type: 'success', message: 'Renamed to “Autumn leads”' });
  await waitFor(() => expect(mockApi.list).toHaveBeenCalledTimes(2));
});

it('offers Rename only with the update permission', async () => {
  mockAllowed.current = { canRead: true };
  renderList();
  await screen.findByText('Ana Lee');
  expect(screen.queryByRole('button', { name: 'Rename' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Download CSV' })).toBeInTheDocument();
});

it("shows a segment's live members with their company column, searchable and downloadable", async () => {
  const user = userEvent.setup();
  renderWithProviders(
    <Routes>
      <Route path="/plugins/segments/segments/:documentId/members" element={<SegmentMembersPage />} />
    </Routes>,
    { route: '/plugins/segments/segments/lead1/members' },
  );
  expect(await screen.findByRole('link', { name: 'Ana Lee' })).toBeInTheDocument();
  expect(Array.from(document.querySelectorAll('th'), (h) => h.textContent)).toEqual(['Name', 'Email', 'Company', 'Created']);
  await user.click(screen.getByRole('button', { name: 'Name' }));
  await waitFor(() =>
    expect(mockApi.segmentMembers).toHaveBeenLastCalledWith('lead1', expect.objectContaining({ sort: 'name', order: 'asc' })),
  );
});
