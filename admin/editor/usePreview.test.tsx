import { act, renderHook } from '@testing-library/react';
import type { FilterGroup } from '../../shared/filter-tree';
import type { PreviewResult } from '../../shared/contracts/preview';
import { usePreview, usePreviewParts, type PreviewParts, type PreviewRequest } from './usePreview';

/** A promise the test settles by hand, so answers can arrive in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tree = (value: string): FilterGroup => ({ combinator: 'and', rules: [{ field: 'email', operator: 'contains', value }] });
const answer = (count: number): PreviewResult => ({ count, contacts: [] });

/** A request function that records each call and lets the test answer it. */
function fakeRequests() {
  const calls: Array<{ filters: FilterGroup; signal: AbortSignal; answer: ReturnType<typeof deferred<PreviewResult>> }> = [];
  const request: PreviewRequest = jest.fn((filters, signal) => {
    const d = deferred<PreviewResult>();
    calls.push({ filters, signal, answer: d });
    return d.promise;
  });
  return { calls, request };
}

const flush = () => act(async () => {});

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('waits until the tree has been still for 400 ms, then asks once for the latest tree', async () => {
  const { calls, request } = fakeRequests();
  const { result, rerender } = renderHook(({ filters }) => usePreview(filters, request), { initialProps: { filters: tree('a') } });
  expect(result.current.status).toBe('loading');

  act(() => jest.advanceTimersByTime(300));
  rerender({ filters: tree('ab') });
  act(() => jest.advanceTimersByTime(300));
  rerender({ filters: tree('abc') });
  act(() => jest.advanceTimersByTime(399));
  expect(request).not.toHaveBeenCalled();

  act(() => jest.advanceTimersByTime(1));
  expect(request).toHaveBeenCalledTimes(1);
  expect(calls[0].filters).toEqual(tree('abc'));

  calls[0].answer.resolve(answer(7));
  await flush();
  expect(result.current).toMatchObject({ status: 'ready', result: { count: 7 }, issues: [] });
  expect(typeof result.current.ms).toBe('number');
});

it('does not ask again when only the builder bookkeeping ids change', async () => {
  const { request } = fakeRequests();
  const { rerender } = renderHook(({ filters }) => usePreview(filters, request), { initialProps: { filters: tree('a') } });
  act(() => jest.advanceTimersByTime(400));
  rerender({ filters: { ...tree('a'), id: 'root', rules: [{ ...tree('a').rules[0], id: 'r1' }] } });
  act(() => jest.advanceTimersByTime(1000));
  expect(request).toHaveBeenCalledTimes(1);
});

it('cancels the request a newer tree makes obsolete and never shows its late answer', async () => {
  const { calls, request } = fakeRequests();
  const { result, rerender } = renderHook(({ filters }) => usePreview(filters, request), { initialProps: { filters: tree('old') } });
  act(() => jest.advanceTimersByTime(400));
  expect(calls).toHaveLength(1);

  rerender({ filters: tree('new') });
  expect(calls[0].signal.aborted).toBe(true);
  act(() => jest.advanceTimersByTime(400));
  expect(calls).toHaveLength(2);
  expect(calls[1].signal.aborted).toBe(false);

  // The newer answer arrives first, then the obsolete one (a server that ignored the abort).
  calls[1].answer.resolve(answer(2));
  await flush();
  calls[0].answer.resolve(answer(999));
  await flush();
  expect(result.current).toMatchObject({ status: 'ready', result: { count: 2 } });
});

it('keeps showing loading while a newer request is pending, whatever the older one answers', async () => {
  const { calls, request } = fakeRequests();
  const { result, rerender } = renderHook(({ filters }) => usePreview(filters, request), { initialProps: { filters: tree('a') } });
  act(() => jest.advanceTimersByTime(400));
  calls[0].answer.resolve(answer(1));
  await flush();
  expect(result.current.result?.count).toBe(1);

  rerender({ filters: tree('b') });
  act(() => jest.advanceTimersByTime(400));
  rerender({ filters: tree('c') });
  calls[1].answer.reject({ status: 400, response: { data: { error: { status: 400, message: 'stale failure', details: {} } } } });
  await flush();
  expect(result.current.status).toBe('loading');
  // The last good answer stays until the new one comes.
  expect(result.current.result?.count).toBe(1);
});

it('shows the server message and its issues for an invalid tree (400) instead of a count', async () => {
  const { calls, request } = fakeRequests();
  const { result } = renderHook(() => usePreview(tree('x'), request));
  act(() => jest.advanceTimersByTime(400));
  const issues = [{ path: 'rules[0].value', message: 'must be a number' }];
  calls[0].answer.reject({
    name: 'FetchError',
    status: 400,
    response: {
      data: { error: { status: 400, message: 'Invalid filters at rules[0].value: must be a number', details: { errors: issues } } },
    },
  });
  await flush();
  expect(result.current).toMatchObject({ status: 'invalid', message: 'Invalid filters at rules[0].value: must be a number', issues });
  expect(result.current.result).toBeUndefined();
});

it('drops the issues of an invalid tree as soon as the tree changes, before the new answer', async () => {
  const { calls, request } = fakeRequests();
  const { result, rerender } = renderHook(({ filters }) => usePreview(filters, request), { initialProps: { filters: tree('') } });
  act(() => jest.advanceTimersByTime(400));
  const issues = [{ path: 'rules[0].value', message: 'Email takes a non-empty text value' }];
  calls[0].answer.reject({
    name: 'FetchError',
    status: 400,
    response: { data: { error: { status: 400, message: 'Invalid filters', details: { errors: issues } } } },
  });
  await flush();
  expect(result.current.issues).toEqual(issues);

  rerender({ filters: tree('a') });
  expect(result.current).toMatchObject({ status: 'loading', issues: [] });
});

it('tells other failures apart from an invalid tree and ignores its own cancellations', async () => {
  const { calls, request } = fakeRequests();
  const { result, rerender } = renderHook(({ filters }) => usePreview(filters, request), { initialProps: { filters: tree('a') } });
  act(() => jest.advanceTimersByTime(400));
  calls[0].answer.reject({ status: 500, message: 'Internal Server Error' });
  await flush();
  expect(result.current).toMatchObject({ status: 'error', message: 'Internal Server Error', issues: [] });

  rerender({ filters: tree('b') });
  act(() => jest.advanceTimersByTime(400));
  rerender({ filters: tree('c') });
  calls[1].answer.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
  await flush();
  expect(result.current.status).toBe('loading');
});

it('cancels the pending request when the editor goes away', () => {
  const { calls, request } = fakeRequests();
  const { unmount } = renderHook(() => usePreview(tree('a'), request));
  act(() => jest.advanceTimersByTime(400));
  unmount();
  expect(calls[0].signal.aborted).toBe(true);
});

it('asks nothing while held, keeps the last good answer, and asks again once the tree is complete', async () => {
  const { calls, request } = fakeRequests();
  const { result, rerender } = renderHook(({ filters, hold }) => usePreview(filters, request, { hold }), {
    initialProps: { filters: tree('a'), hold: false },
  });
  await act(async () => jest.advanceTimersByTime(400));
  await act(async () => calls[0].answer.resolve(answer(7)));
  expect(result.current).toMatchObject({ status: 'ready', result: { count: 7 } });

  rerender({ filters: tree(''), hold: true });
  await act(async () => jest.advanceTimersByTime(1000));
  expect(calls).toHaveLength(1);
  expect(result.current).toMatchObject({ status: 'held', result: { count: 7 } });

  rerender({ filters: tree('ab'), hold: false });
  await act(async () => jest.advanceTimersByTime(400));
  expect(calls).toHaveLength(2);
  await act(async () => calls[1].answer.resolve(answer(3)));
  expect(result.current).toMatchObject({ status: 'ready', result: { count: 3 } });
});

it('keeps the last good answer under a 400, for the panel to show dimmed', async () => {
  const { calls, request } = fakeRequests();
  const { result, rerender } = renderHook(({ filters }) => usePreview(filters, request), { initialProps: { filters: tree('a') } });
  await act(async () => jest.advanceTimersByTime(400));
  await act(async () => calls[0].answer.resolve(answer(7)));
  rerender({ filters: tree('b') });
  await act(async () => jest.advanceTimersByTime(400));
  const issues = [{ path: 'rules[0].value', message: 'no' }];
  await act(async () =>
    calls[1].answer.reject({
      status: 400,
      response: { data: { error: { status: 400, message: 'Invalid', details: { errors: issues } } } },
    }),
  );
  expect(result.current).toMatchObject({ status: 'invalid', result: { count: 7 }, issues });
});

describe('the preview in two parts', () => {
  const contactsOf = (...names: string[]) => ({ contacts: names.map((name) => ({ documentId: name, name, email: null, company: null })) });

  function fakeParts() {
    const contacts: Array<{ filters: FilterGroup; signal: AbortSignal; answer: ReturnType<typeof deferred<{ contacts: any[] }>> }> = [];
    const counts: Array<{ filters: FilterGroup; signal: AbortSignal; answer: ReturnType<typeof deferred<{ count: number }>> }> = [];
    const parts: PreviewParts = {
      contacts: jest.fn((filters, signal) => {
        const d = deferred<{ contacts: any[] }>();
        contacts.push({ filters, signal, answer: d });
        return d.promise;
      }),
      count: jest.fn((filters, signal) => {
        const d = deferred<{ count: number }>();
        counts.push({ filters, signal, answer: d });
        return d.promise;
      }),
    };
    return { parts, contacts, counts };
  }

  it('shows the first contacts while the count runs, then the count', async () => {
    const { parts, contacts, counts } = fakeParts();
    const { result } = renderHook(() => usePreviewParts(tree('a'), parts));
    act(() => jest.advanceTimersByTime(400));
    expect([contacts.length, counts.length]).toEqual([1, 1]);

    contacts[0].answer.resolve(contactsOf('Ana'));
    await flush();
    expect(result.current).toMatchObject({ status: 'ready', counting: true, result: { contacts: [{ name: 'Ana' }] } });
    expect(result.current.result?.count).toBeUndefined();

    counts[0].answer.resolve({ count: 12 });
    await flush();
    expect(result.current).toMatchObject({ status: 'ready', counting: false, result: { count: 12, contacts: [{ name: 'Ana' }] } });
    expect(typeof result.current.countMs).toBe('number');
  });

  it('aborts both requests of a tree the user changed, and keeps the last count on screen while the new one runs', async () => {
    const { parts, contacts, counts } = fakeParts();
    const { result, rerender } = renderHook(({ filters }) => usePreviewParts(filters, parts), { initialProps: { filters: tree('a') } });
    act(() => jest.advanceTimersByTime(400));
    contacts[0].answer.resolve(contactsOf('Ana'));
    counts[0].answer.resolve({ count: 12 });
    await flush();

    rerender({ filters: tree('ab') });
    act(() => jest.advanceTimersByTime(400));
    contacts[1].answer.resolve(contactsOf('Bert'));
    await flush();
    expect(result.current).toMatchObject({ status: 'ready', counting: true, result: { count: 12, contacts: [{ name: 'Bert' }] } });

    rerender({ filters: tree('abc') });
    // The count of "ab" is given up: its request is aborted (the server stops its statement).
    expect(counts[1].signal.aborted).toBe(true);
    expect(contacts[1].signal.aborted).toBe(true);
    counts[1].answer.resolve({ count: 99 });
    await flush();
    expect(result.current.result?.count).toBe(12);
  });

  it('says the earlier moment either part is exact for when it came from the editor’s cache, and nothing otherwise', async () => {
    const { parts, contacts, counts } = fakeParts();
    const { result, rerender } = renderHook(({ filters }) => usePreviewParts(filters, parts), { initialProps: { filters: tree('a') } });
    act(() => jest.advanceTimersByTime(400));
    contacts[0].answer.resolve({ ...contactsOf('Ana'), asOf: '2026-12-07T10:00:05.000Z' } as ReturnType<typeof contactsOf>);
    counts[0].answer.resolve({ count: 12, asOf: '2026-12-07T10:00:01.000Z' } as { count: number });
    await flush();
    expect(result.current.result?.asOf).toBe('2026-12-07T10:00:01.000Z');

    rerender({ filters: tree('ab') });
    act(() => jest.advanceTimersByTime(400));
    contacts[1].answer.resolve(contactsOf('Bert'));
    counts[1].answer.resolve({ count: 3 });
    await flush();
    expect(result.current.result).not.toHaveProperty('asOf');
  });

  it('is refused when either part is: a 400 names the rules, and the count does not stay "counting"', async () => {
    const { parts, contacts, counts } = fakeParts();
    const { result } = renderHook(() => usePreviewParts(tree('a'), parts));
    act(() => jest.advanceTimersByTime(400));
    contacts[0].answer.resolve(contactsOf('Ana'));
    counts[0].answer.reject({
      status: 400,
      response: { data: { error: { status: 400, message: 'bad', details: { errors: [{ path: 'rules[0].value', message: 'bad' }] } } } },
    });
    await flush();
    expect(result.current).toMatchObject({ status: 'invalid', issues: [{ path: 'rules[0].value', message: 'bad' }] });
  });
});
