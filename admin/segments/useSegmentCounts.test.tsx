import { act, renderHook, waitFor } from '@testing-library/react';
import type { SegmentRecord } from '../../server/types';
import { segmentRecord } from '../test/fixtures';
import { useSegmentCounts } from './useSegmentCounts';

const segment = (documentId: string, over: Partial<SegmentRecord> = {}): SegmentRecord => segmentRecord({ documentId, name: documentId, ...over });

const counted = { lastCount: 5, lastCountAt: '2026-11-02T00:00:00.000Z', lastCountMs: 12 };

it('counts on view only the rows without a known count, one at a time, with a loader meanwhile', async () => {
  const resolvers: Array<() => void> = [];
  const count = jest.fn(
    (id: string) => new Promise<SegmentRecord>((resolve) => resolvers.push(() => resolve(segment(id, { lastCount: 42, lastCountAt: '2026-11-30T00:00:00.000Z', lastCountMs: 31 }))))
  );
  const rows = [segment('a'), segment('b', counted), segment('c')];
  const { result } = renderHook(() => useSegmentCounts(rows, count));

  await waitFor(() => expect(count).toHaveBeenCalledTimes(1));
  expect(count).toHaveBeenCalledWith('a');
  expect(result.current.countOf(rows[0]).counting).toBe(true);
  expect(result.current.countOf(rows[2]).counting).toBe(true);
  expect(result.current.countOf(rows[1])).toMatchObject({ counting: false, lastCount: 5 });

  await act(async () => resolvers[0]());
  await waitFor(() => expect(count).toHaveBeenCalledTimes(2));
  expect(count).toHaveBeenLastCalledWith('c');
  expect(result.current.countOf(rows[0])).toMatchObject({ counting: false, lastCount: 42, lastCountMs: 31 });

  await act(async () => resolvers[1]());
  expect(result.current.countOf(rows[2])).toMatchObject({ counting: false, lastCount: 42 });
  expect(count).toHaveBeenCalledTimes(2);
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
  const { result } = renderHook(() => useSegmentCounts(rows, count));
  await waitFor(() => expect(result.current.countOf(rows[0])).toMatchObject({ counting: false, error: 'Internal Server Error', lastCount: null }));
});

it("shows the server's recorded count error, and 'still counting' when the server answers 202", async () => {
  const count = jest.fn(async (id: string) => ({ ...segment(id, { ...counted, lastCountError: 'unknown field "retired"' }), pending: true }));
  const rows = [segment('b', { ...counted, lastCountError: 'unknown field "retired"' })];
  const { result } = renderHook(() => useSegmentCounts(rows, count));
  expect(result.current.countOf(rows[0])).toMatchObject({ counting: false, pending: false, lastCount: 5, error: 'unknown field "retired"' });
  await act(() => result.current.countNow('b'));
  expect(result.current.countOf(rows[0])).toMatchObject({ counting: false, pending: true, lastCount: 5, error: 'unknown field "retired"' });
});
