import type { SegmentRecord } from '../../shared/contracts/records';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { segmentRecord } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { SegmentRowActions } from './SegmentRowActions';

const segment = segmentRecord;

const noop = () => {};
const render = (allowed: Record<string, boolean>, over: Partial<SegmentRecord> = {}, handlers: Record<string, () => void> = {}) =>
  renderWithProviders(
    <Routes>
      <Route
        path="/"
        element={
          <SegmentRowActions
            segment={segment(over)}
            allowed={allowed}
            counting={false}
            onCountNow={noop}
            onDuplicate={noop}
            onToggleArchived={noop}
            onDelete={noop}
            {...handlers}
          />
        }
      />
      <Route path="/plugins/segments/segments/:id" element={<p>editor page</p>} />
    </Routes>,
  );

const labels = () => screen.getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? b.textContent);

it('gives a reader only "Count now"', () => {
  render({ canRead: true });
  expect(labels()).toEqual(['Count Leads now']);
});

it('gives a user allowed everything every action, named after the segment', () => {
  render({ canRead: true, canCreate: true, canUpdate: true, canDelete: true });
  expect(labels()).toEqual(['Count Leads now', 'Edit Leads', 'Duplicate Leads', 'Archive Leads', 'Delete Leads']);
});

it.each([
  [{ canCreate: true }, ['Count Leads now', 'Duplicate Leads']],
  [{ canUpdate: true }, ['Count Leads now', 'Edit Leads', 'Archive Leads']],
  [{ canDelete: true }, ['Count Leads now', 'Delete Leads']],
])('with %j offers %j', (allowed, expected) => {
  render(allowed);
  expect(labels()).toEqual(expected);
});

it('offers Unarchive on an archived row', () => {
  render({ canUpdate: true }, { archived: true });
  expect(screen.getByRole('button', { name: 'Unarchive Leads' })).toBeInTheDocument();
});

it('opens the editor from Edit and recounts from Count now', async () => {
  const onCountNow = jest.fn();
  render({ canUpdate: true }, {}, { onCountNow });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Count Leads now' }));
  expect(onCountNow).toHaveBeenCalledTimes(1);
  await user.click(screen.getByRole('button', { name: 'Edit Leads' }));
  expect(screen.getByText('editor page')).toBeInTheDocument();
});
