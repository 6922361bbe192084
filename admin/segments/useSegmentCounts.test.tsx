import { act, renderHook, waitFor } from '@testing-library/react';
import type { SegmentRecord } from '../../shared/contracts/records';
import { segmentRecord } from '../test/fixtures';
import { useSegmentCounts } from './useSegmentCounts';

const segment = (documentId: string, over: Partial<SegmentRecord> = {}): SegmentRecord =>
  segmentRecord({ documentId, name: documentId, ...over });

const counted = { lastCount: 5, lastCountAt: '2026-11-02T00:00:00.000Z', lastCountMs: 12 };

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

it('counts on view the rows without a count or with one older than the max age, two at a time, with a loader meanwhile', async () => {
  const resolvers = new Map<string, () => void>();
  const count = jest.fn(
    (id: string) =>
      new Promise<SegmentRecord>((resolve) =>
        resolvers.set(id, () => resolve(segment(id, { lastCount: 42, lastCountAt: new Date().toISOString(), lastCountMs: 31 }))),
      ),
  );
  const rows = [
    segment('never'),
    segment('fresh', { ...counted, lastCountAt: minutesAgo(5) }),
    segment('old', { ...counted, lastCountAt: minutesAgo(90) }),
    segment('alsoNever'),
  ];
  const { result } = renderHook(() => useSegmentCounts(rows, count, 3600));

  await waitFor(() => expect(count).toHaveBeenCalledTimes(2));
  expect(count.mock.calls.map(([id]) => id)).toEqual(['never', 'old']);
  for (const row of [rows[0], rows[2], rows[3]]) expect(result.current.countOf(row).counting).toBe(true);
  // The old count stays on view while it is retaken.
  expect(result.current.countOf(rows[2])).toMatchObject({ counting: true, lastCount: 5 });
  expect(result.current.countOf(rows[1])).toMatchObject({ counting: false, lastCount: 5 });

  await act(async () => resolvers.get('old')!());
  await waitFor(() => expect(count).toHaveBeenCalledTimes(3));
  expect(count).toHaveBeenLastCalledWith('alsoNever');
  expect(result.current.countOf(rows[2])).toMatchObject({ counting: false, lastCount: 42, lastCountMs: 31 });

  await act(async () => {
    resolvers.get('never')!();
    resolvers.get('alsoNever')!();
  });
  expect(result.current.countOf(rows[3])).toMatchObject({ counting: false, lastCount: 42 });
  expect(count).toHaveBeenCalledTimes(3);
});

it('counts nothing on view until the max age is known', async () => {
  const count = jest.fn(async (id: string) => segment(id, counted));
  const rows = [segment('never')];
  const { result, rerender } = renderHook(({ maxAge }: { maxAge?: number }) => useSegmentCounts(rows, count, maxAge), { initialProps: {} });
  expect(result.current.countOf(rows[0]).counting).toBe(false);
  expect(count).not.toHaveBeenCalled();
  rerender({ maxAge: 0 });
  await waitFor(() => expect(count).toHaveBeenCalledWith('never'));
});

it('recounts a row on "Count now" and shows the time it took', async () => {
  const count = jest.fn(async (id: string) => segment(id, { lastCount: 6, lastCountAt: '2026-11-30T00:00:00.000Z', lastCountMs: 250 }));
  const rows = [segment('b', counted)];
  const { result } = renderHook(() => useSegmentCounts(rows, count));
  expect(count).not.toHaveBeenCalled();
  await act(() => result.current.countNow('b'));
  expect(result.current.countOf(rows[0])).toMatchObject({ counting: false, lastCount: 6, lastCountMs: 250 });
});

it('says a count failed without losing the row', async () => {
  const count = jest.fn(async () => {
    throw { status: 500, message: 'Internal Server Error' };
  });
  const rows = [segment('a')];
  const { result } = renderHook(() => useSegmentCounts(rows, count, 60));
  await waitFor(() =>
    expect(result.current.countOf(rows[0])).toMatchObject({ counting: false, error: 'Internal Server Error', lastCount: null }),
  );
});

it("shows the server's recorded count error, and 'still counting' when the server answers 202", async () => {
  const count = jest.fn(async (id: string) => ({
    ...segment(id, { ...counted, lastCountError: 'unknown field "retired"' }),
    pending: true,
  }));
  const rows = [segment('b', { ...counted, lastCountError: 'unknown field "retired"' })];
  const { result } = renderHook(() => useSegmentCounts(rows, count));
  expect(result.current.countOf(rows[0])).toMatchObject({
    counting: false,
    pending: false,
    lastCount: 5,
    error: 'unknown field "retired"',
  });
  await act(() => result.current.countNow('b'));
  expect(result.current.countOf(rows[0])).toMatchObject({ counting: false, pending: true, lastCount: 5, error: 'unknown field "retired"' });
});
