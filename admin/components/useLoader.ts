import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads data for a page, and loads it again whenever `key` changes. The key is compared by value
 * (as JSON), so it can be built inline: the request's parameters, e.g.
 *
 *   const members = useLoader({ documentId, page, q }, () => api.segmentMembers(documentId, { page, q }));
 *
 * Whatever the answer depends on belongs in the key; `load` may close over anything else, since the
 * latest one is always used. A change of key (or leaving the page) aborts the request in flight:
 * its signal is aborted and its answer, or error, discarded. `reload` loads again with the same key.
 */
export function useLoader<T>(key: unknown, load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const inFlight = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    inFlight.current?.abort();
    const request = new AbortController();
    inFlight.current = request;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await latestLoad.current(request.signal);
      if (!request.signal.aborted) setState({ data, loading: false });
    } catch (error) {
      if (!request.signal.aborted) setState({ error, loading: false });
    }
  }, []);

  const keyText = JSON.stringify(key) ?? '';
  useEffect(() => {
    void run();
    return () => inFlight.current?.abort();
  }, [run, keyText]);

  return { ...state, reload: run };
}
