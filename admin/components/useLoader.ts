import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads data for a page and reloads it when `deps` change; a stale answer (one overtaken by a
 * newer request) is discarded.
 */
export function useLoader<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const latest = useRef(0);
  const run = useCallback(async () => {
    const request = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await load();
      if (request === latest.current) setState({ data, loading: false });
    } catch (error) {
      if (request === latest.current) setState({ error, loading: false });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller passes the keys the load depends on
  }, deps);
  useEffect(() => {
    void run();
  }, [run]);
  return { ...state, reload: run };
}
