import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ListRecord } from '../../shared/contracts/records';
import { renderWithProviders } from '../test/render';
import { defaultListName, ExportDialog } from './ExportDialog';

const list: ListRecord = {
  id: 3,
  documentId: 'list9',
  name: 'Leads, November',
  description: null,
  segmentName: 'Leads',
  filters: {},
  frozenAt: '2026-11-30T10:00:00.000Z',
  memberCount: 1234,
  frozenCount: 1234,
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
};

it('names the list after the segment and the day by default', () => {
  expect(defaultListName('Leads', new Date('2026-11-30T23:00:00Z'))).toBe('Leads (2026-11-30)');
});

it('offers the default name, exports under the name typed, then links to the new list with its member count', async () => {
  const onExport = jest.fn(async () => list);
  renderWithProviders(<ExportDialog open segmentName="Leads" onClose={() => {}} onExport={onExport} />);
  const user = userEvent.setup();
  const input = await screen.findByRole('textbox', { name: /List name/ });
  expect(input).toHaveValue(defaultListName('Leads'));

  await user.clear(input);
  await user.type(input, 'Leads, November{Enter}');
  expect(onExport).toHaveBeenCalledWith('Leads, November');
  expect(await screen.findByText('1,234 contacts frozen into “Leads, November”.')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Open “Leads, November”' })).toHaveAttribute('href', '/plugins/segments/lists/list9');
  expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
});

it('shows why an export failed and lets the user try again', async () => {
  const onExport = jest
    .fn()
    .mockRejectedValueOnce({ status: 403, response: { data: { error: { status: 403, message: 'Policy Failed', details: {} } } } })
    .mockResolvedValueOnce(list);
  renderWithProviders(<ExportDialog open segmentName="Leads" onClose={() => {}} onExport={onExport} />);
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Export' }));
  const alert = (await screen.findByText('The export failed')).closest('[role="alert"]');
  expect(alert).toHaveTextContent('Policy Failed');
  await user.click(screen.getByRole('button', { name: 'Export' }));
  expect(await screen.findByRole('link', { name: 'Open “Leads, November”' })).toBeInTheDocument();
});
