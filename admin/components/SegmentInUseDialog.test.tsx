import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readApiError } from '../apiErrors';
import { renderWithProviders } from '../test/render';
import { SegmentInUseDialog } from './SegmentInUseDialog';

/** The fetch client's error for DELETE /segments/segments/:id when other segments use it. */
const conflict = {
  name: 'FetchError',
  status: 409,
  message: '"Leads" is used by "Hot leads", "EU leads"; remove it from them first',
  response: {
    data: {
      data: null,
      error: {
        status: 409,
        name: 'ConflictError',
        message: '"Leads" is used by "Hot leads", "EU leads"; remove it from them first',
        details: {
          usedBy: [
            { documentId: 'hot1', name: 'Hot leads' },
            { documentId: 'eu1', name: 'EU leads' },
          ],
        },
      },
    },
  },
};

it('reads the segments that use the one being deleted from a 409', () => {
  expect(readApiError(conflict)).toMatchObject({
    status: 409,
    usedBy: [
      { documentId: 'hot1', name: 'Hot leads' },
      { documentId: 'eu1', name: 'EU leads' },
    ],
  });
});

it('names the segments that use it, each linked to its editor', async () => {
  const onClose = jest.fn();
  renderWithProviders(<SegmentInUseDialog refusal={{ name: 'Leads', usedBy: readApiError(conflict).usedBy }} onClose={onClose} />);
  const dialog = await screen.findByRole('alertdialog');
  expect(within(dialog).getByText('“Leads” cannot be deleted')).toBeInTheDocument();
  expect(within(dialog).getByText('These 2 segments use it. Remove it from them first:')).toBeInTheDocument();
  const links = within(dialog).getAllByRole('link');
  expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
    ['Hot leads', '/plugins/segments/segments/hot1'],
    ['EU leads', '/plugins/segments/segments/eu1'],
  ]);

  await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Close' }));
  expect(onClose).toHaveBeenCalled();
});

it('speaks of a single segment in the singular', async () => {
  renderWithProviders(
    <SegmentInUseDialog refusal={{ name: 'Leads', usedBy: [{ documentId: 'hot1', name: 'Hot leads' }] }} onClose={() => {}} />,
  );
  expect(await screen.findByText('This segment uses it. Remove it from that segment first:')).toBeInTheDocument();
});

it('shows nothing without a refusal', () => {
  renderWithProviders(<SegmentInUseDialog refusal={null} onClose={() => {}} />);
  expect(screen.queryByRole('alertdialog')).toBeNull();
});
