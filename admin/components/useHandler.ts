import { useCallback, useRef } from 'react';

/**
 * One function for the component's lifetime that calls the latest `fn`: a memoised child handed it
 * does not re-render because its parent made a new closure (the editor re-renders on every keystroke).
 * For event handlers only; not for calls during render.
 */
export function useHandler<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  latest.current = fn;
  return useCallback((...args: A) => latest.current(...args), []);
}
