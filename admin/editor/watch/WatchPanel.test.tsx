import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { Change, HistoryPoint, LastRefresh, WatchState } from '../../../shared/contracts/watch';
import type { SegmentsApi } from '../../api';
import { segmentRecord } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { WatchPanel } from './WatchPanel';

const OK: LastRefresh = { at: '2026-12-01T10:00:00.000Z', status: 'ok', count: 120, entered: 0, left: 0 };
const HISTORY: HistoryPoint[] = [
  { at: new Date(Date.now() - 2 * 86_400_000).toISOString(), status: 'ok', count: 120, entered: 0, left: 0 },
  { at: new Date(Date.now() - 86_400_000).toISOString(), status: 'ok', count: 129, entered: 12, left: 3 },
];
const change = (cursor: string, kind: Change['kind'], reason: Change['reason'], name: string): Change => ({
  cursor,
  kind,
  reason,
  at: '2026-12-01T10:00:00.000Z',
  contact: { documentId: `c-${cursor}`, name, email: `${name.toLowerCase()}@x.io` },
});

/** The chart's bars say "+12 entered, −3 left" in their SVG titles too; the refresh's result is the other one. */
const NOT_CHART = 'script, style, title';

/** A 503 as the fetch client throws it: the refresh hit the time bound and was recorded as failed. */
const timeBound = {
  status: 503,
  response: {
    data: { error: { status: 503, name: 'ServiceUnavailableError', message: 'The refresh took longer than 10 s and was stopped' } },
  },
};

function fakeApi(over: Record<string, jest.Mock> = {}) {
  return {
    setWatched: jest.fn(async (_id: string, watched: boolean) => segmentRecord({ watched, lastRefresh: null } as never)),
    refresh: jest.fn(async () => ({ count: 129, entered: 12, left: 3, at: '2026-12-02T10:00:00.000Z' })),
    history: jest.fn(async () => HISTORY),
    changes: jest.fn(async () => ({ data: [], meta: { next: null } })),
    segment: jest.fn(),
    ...over,
  } as unknown as SegmentsApi & Record<string, jest.Mock>;
}

/** The panel inside a parent that keeps the segment's watch state, as the editor does. */
function Editor({
  api,
  initial,
  canUpdate,
  notify,
}: {
  api: SegmentsApi;
  initial: Partial<WatchState>;
  canUpdate: boolean;
  notify: jest.Mock;
}) {
  const [segment, setSegment] = useState({ documentId: 'lead1', name: 'Leads', ...initial });
  return (
    <WatchPanel api={api} segment={segment} canUpdate={canUpdate} onChange={(w) => setSegment((s) => ({ ...s, ...w }))} notify={notify} />
  );
}

const render = (api: SegmentsApi, initial: Partial<WatchState>, canUpdate = true) => {
  const notify = jest.fn();
  renderWithProviders(<Editor api={api} initial={initial} canUpdate={canUpdate} notify={notify} />);
  return { notify, user: userEvent.setup() };
};

describe('the switch', () => {
  it('watches the segment through PUT watched, then shows its refresh, chart and changes', async () => {
    const api = fakeApi();
    const { notify, user } = render(api, { watched: false, lastRefresh: null });
    const toggle = screen.getByRole('switch', { name: 'Track who enters and leaves' });
    expect(toggle).not.toBeChecked();
    expect(screen.queryByRole('button', { name: 'Refresh now' })).toBeNull();
    expect(api.history).not.toHaveBeenCalled();

    await user.click(toggle);
    expect(api.setWatched).toHaveBeenCalledWith('lead1', true);
    await waitFor(() => expect(toggle).toBeChecked());
    expect(notify).toHaveBeenCalledWith({ type: 'success', message: '“Leads” is watched: the first refresh sets the baseline' });
    expect(screen.getByText('Not refreshed yet: the first refresh sets the baseline')).toBeInTheDocument();
    expect(await screen.findAllByTestId('chart-point')).toHaveLength(2);
    expect(api.changes).toHaveBeenCalledWith('lead1', { limit: 10, newest: true });
  });

  it('unwatches, and stays as it was when the server refuses', async () => {
    const api = fakeApi({
      setWatched: jest
        .fn()
        .mockRejectedValueOnce({ status: 403, response: { data: { error: { status: 403, message: 'Policy Failed' } } } })
        .mockResolvedValueOnce({ watched: false, lastRefresh: OK }),
    });
    const { notify, user } = render(api, { watched: true, lastRefresh: OK });
    const toggle = screen.getByRole('switch', { name: 'Track who enters and leaves' });
    await user.click(toggle);
    await waitFor(() => expect(notify).toHaveBeenCalledWith({ type: 'danger', message: 'Policy Failed' }));
    expect(toggle).toBeChecked();

    await user.click(toggle);
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(api.setWatched).toHaveBeenLastCalledWith('lead1', false);
    expect(screen.queryByRole('button', { name: 'Refresh now' })).toBeNull();
  });

  it('is read-only without the update permission, which also hides Refresh now', async () => {
    const api = fakeApi();
    render(api, { watched: true, lastRefresh: OK }, false);
    expect(screen.getByRole('switch', { name: 'Track who enters and leaves' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Refresh now' })).toBeNull();
    expect(await screen.findAllByTestId('chart-point')).toHaveLength(2);
  });
});

describe('Refresh now', () => {
  it('shows the loading state, then what entered and left, and reloads the chart and changes', async () => {
    let finish: (value: unknown) => void = () => {};
    const api = fakeApi({ refresh: jest.fn(() => new Promise((resolve) => (finish = resolve))) });
    const { user } = render(api, { watched: true, lastRefresh: OK });
    expect(screen.getByText(/^Last refreshed .*: 120 contacts$/)).toBeInTheDocument();
    await screen.findAllByTestId('chart-point');
    expect(api.history).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(api.refresh).toHaveBeenCalledWith('lead1');
    expect(screen.getByRole('button', { name: /Refresh now/ })).toHaveAttribute('aria-disabled', 'true');

    finish({ count: 129, entered: 12, left: 3, at: '2026-12-02T10:00:00.000Z' });
    expect(await screen.findByText('+12 entered, −3 left', { ignore: NOT_CHART })).toHaveAttribute('role', 'status');
    expect(screen.getByText(/^Last refreshed .*: 129 contacts$/)).toBeInTheDocument();
    await waitFor(() => expect(api.history).toHaveBeenCalledTimes(2));
    expect(api.changes).toHaveBeenCalledTimes(2);
  });

  it('shows a refresh that hit the time bound as failed, with its error', async () => {
    const failed: LastRefresh = {
      at: '2026-12-02T10:00:00.000Z',
      status: 'failed',
      count: null,
      entered: 0,
      left: 0,
      error: 'Timed out after 10 s',
    };
    const api = fakeApi({
      refresh: jest.fn(async () => Promise.reject(timeBound)),
      segment: jest.fn(async () => ({ ...segmentRecord(), watched: true, lastRefresh: failed })),
    });
    const { notify, user } = render(api, { watched: true, lastRefresh: OK });
    await user.click(screen.getByRole('button', { name: 'Refresh now' }));
    await waitFor(() =>
      expect(notify).toHaveBeenCalledWith({ type: 'danger', message: 'The refresh took longer than 10 s and was stopped' }),
    );
    expect(await screen.findByText(/^The last refresh failed \(.*\): Timed out after 10 s$/)).toBeInTheDocument();
    expect(screen.queryByText('+12 entered, −3 left', { ignore: NOT_CHART })).toBeNull();
  });
});

it('lists the recent changes with the reason in words', async () => {
  const api = fakeApi({
    changes: jest.fn(async () => ({
      data: [
        change('1', 'entered', 'matched', 'Ana'),
        change('2', 'left', 'edited', 'Bert'),
        change('3', 'left', 'deleted', 'Cleo'),
        { ...change('4', 'left', 'deleted', ''), contact: { documentId: 'c9', name: '', email: null } },
      ],
      meta: { next: '3' },
    })),
  });
  render(api, { watched: true, lastRefresh: OK });
  const list = await screen.findByRole('list', { name: 'Recent changes' });
  const rows = within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent);
  expect(rows).toEqual([
    expect.stringMatching(/^EnteredAnaana@x\.io · matched · /),
    expect.stringMatching(/^LeftBertbert@x\.io · conditions edited · /),
    expect.stringMatching(/^LeftCleocleo@x\.io · deleted from the CRM · /),
    // Deleted with nothing left to name it by: its documentId.
    expect.stringMatching(/^LeftContact c9deleted from the CRM · /),
  ]);
  // Fewer than a page: nothing more to say.
  expect(screen.queryByText(/newest changes/)).toBeNull();
});

it('says when no one has entered or left yet', async () => {
  render(fakeApi(), { watched: true, lastRefresh: OK });
  expect(await screen.findByText('No one has entered or left since the baseline')).toBeInTheDocument();
});
