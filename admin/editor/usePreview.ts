import { useEffect, useRef, useState } from 'react';
import type { FilterGroup } from '../../shared/filter-tree';
import type { PreviewResult } from '../api';
import { isAbort, readApiError } from '../apiErrors';
import type { TreeIssue } from '../builder/types';
import { treeKey } from './treeKey';

/** Runs one preview; it must give up when `signal` aborts. */
export type PreviewRequest = (filters: FilterGroup, signal: AbortSignal) => Promise<PreviewResult>;

export interface PreviewState {
  /** `invalid`: the server refused the tree (400); `error`: anything else went wrong. */
  status: 'loading' | 'ready' | 'invalid' | 'error';
  /** The latest answer, kept on screen while a newer one loads. */
  result?: PreviewResult;
  /** How long the answer took, request to response. */
  ms?: number;
  message?: string;
  issues: TreeIssue[];
}

export const PREVIEW_DELAY_MS = 400;

/**
 * The live preview of a tree being edited. Waits until the tree has been still for `delay` ms,
 * cancels the request a newer tree makes obsolete, and never lets an older answer replace a newer
 * one (even from a request function that ignores its signal).
 */
export function usePreview(filters: FilterGroup, request: PreviewRequest, { delay = PREVIEW_DELAY_MS }: { delay?: number } = {}): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'loading', issues: [] });
  const key = treeKey(filters);
  const latest = useRef(0);
  // The effect depends on the tree's meaning (key), not on the object's identity; these refs hand it the current values.
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const requestRef = useRef(request);
  requestRef.current = request;

  useEffect(() => {
    const call = ++latest.current;
    const controller = new AbortController();
    // The last count stays on screen while the new one loads, but the last issues go: they name
    // rules of the previous tree (a field since changed, a value since fixed) and would mislead.
    setState((s) => (s.status === 'loading' && s.issues.length === 0 ? s : { ...s, status: 'loading', issues: [] }));
    const timer = setTimeout(async () => {
      const started = performance.now();
      try {
        const result = await requestRef.current(filtersRef.current, controller.signal);
        if (call !== latest.current || controller.signal.aborted) return;
        setState({ status: 'ready', result, ms: Math.round(performance.now() - started), issues: [] });
      } catch (error) {
        if (call !== latest.current || controller.signal.aborted || isAbort(error)) return;
        const problem = readApiError(error);
        setState({ status: problem.status === 400 ? 'invalid' : 'error', message: problem.message, issues: problem.issues });
      }
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, delay]);

  return state;
}
