import { act, renderHook, waitFor } from '@testing-library/react';
import { useLoader } from './useLoader';

const deferred = <T,>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

it('loads again only when the key changes by value, aborting and discarding the request it overtakes', async () => {
  const calls: Array<{ key: string; signal: AbortSignal; answer: ReturnType<typeof deferred<string>> }> = [];
  const load = (key: string) => (signal: AbortSignal) => {
    const answer = deferred<string>();
    calls.push({ key, signal, answer });
    return answer.promise;
  };
  const { result, rerender } = renderHook(({ page }) => useLoader({ page }, load(`page ${page}`)), { initialProps: { page: 1 } });
  expect(result.current.loading).toBe(true);

  // A new render with an equal key (a new object) loads nothing.
  rerender({ page: 1 });
  expect(calls).toHaveLength(1);

  rerender({ page: 2 });
  expect(calls.map((c) => c.key)).toEqual(['page 1', 'page 2']);
  expect(calls[0].signal.aborted).toBe(true);
  await act(async () => calls[0].answer.resolve('stale'));
  expect(result.current.data).toBeUndefined();
  await act(async () => calls[1].answer.resolve('fresh'));
  expect(result.current).toMatchObject({ data: 'fresh', loading: false });

  // reload asks again with the same key, with the latest load, keeping the data on screen meanwhile.
  act(() => void result.current.reload());
  expect(calls.map((c) => c.key)).toEqual(['page 1', 'page 2', 'page 2']);
  expect(result.current).toMatchObject({ data: 'fresh', loading: true });
  await act(async () => calls[2].answer.resolve('again'));
  expect(result.current).toMatchObject({ data: 'again', loading: false });
});

it('reports an error, and aborts the request in flight when the page goes away', async () => {
  const signals: AbortSignal[] = [];
  const { result, unmount } = renderHook(() =>
    useLoader('x', (signal) => {
      signals.push(signal);
      return Promise.reject(new Error('boom'));
    }),
  );
  await waitFor(() => expect(result.current.loading).toBe(false));
  expect((result.current.error as Error).message).toBe('boom');

  const pending = renderHook(() => useLoader('y', (signal) => (signals.push(signal), new Promise(() => undefined))));
  pending.unmount();
  expect(signals[signals.length - 1].aborted).toBe(true);
  unmount();
});
