import { useEffect, useMemo, useRef, useState } from 'react';
import { treeKey, type FilterGroup, type TreeIssue } from '../../shared/filter-tree';
import type { PreviewContact, PreviewContactsResult, PreviewCountResult, PreviewResult } from '../../shared/contracts/preview';
import { isAbort, readApiError } from '../apiErrors';

/** Runs one request about a tree; it must give up when `signal` aborts. */
export type LiveRequest<I, T> = (input: I, signal: AbortSignal) => Promise<T>;
export type PreviewRequest = LiveRequest<FilterGroup, PreviewResult>;

export interface LiveState<T> {
  /**
   * `idle`: nothing to ask (turned off); `held`: not asked, the input is not complete yet; `invalid`: the
   * server refused the tree (400); `error`: anything else went wrong.
   */
  status: 'idle' | 'loading' | 'ready' | 'held' | 'invalid' | 'error';
  /** The latest good answer, kept on screen while a newer one loads or the input is incomplete. */
  result?: T;
  /** How long the answer took, request to response. */
  ms?: number;
  message?: string;
  issues: TreeIssue[];
}

/** What the preview shows: the count is missing while a first count runs (the first contacts may be there already). */
export interface PreviewView {
  count?: number;
  contacts: PreviewContact[];
  /** Part of the answer came from the editor's cache: it is exact for this moment (shared/contracts/preview.ts). */
  asOf?: string;
}

export type PreviewState = LiveState<PreviewView> & {
  /** The count of the current tree is still running (the one shown, if any, is the last tree's). */
  counting?: boolean;
  /** How long the count took, when it came apart from the contacts (`ms` is then the contacts'). */
  countMs?: number;
};

export const PREVIEW_DELAY_MS = 400;

export interface LiveOptions {
  delay?: number;
  /** Off: nothing is asked and nothing is shown. */
  enabled?: boolean;
  /** The input is incomplete: nothing is asked, and the last good answer stays. */
  hold?: boolean;
}

/**
 * A live answer about what is being edited (the preview, explain's counts, a contact's explanation).
 * Waits until the input has been still for `delay` ms, cancels the request a newer input makes
 * obsolete, and never lets an older answer replace a newer one (even from a request function that
 * ignores its signal). `key` is the input's meaning: a new object with the same key asks nothing.
 */
export function useLiveRequest<I, T>(
  input: I,
  key: string,
  request: LiveRequest<I, T>,
  { delay = PREVIEW_DELAY_MS, enabled = true, hold = false }: LiveOptions = {},
): LiveState<T> {
  const [state, setState] = useState<LiveState<T>>({ status: enabled ? 'loading' : 'idle', issues: [] });
  const latest = useRef(0);
  // The effect depends on the input's meaning (key), not on the object's identity; these refs hand it the current values.
  const inputRef = useRef(input);
  inputRef.current = input;
  const requestRef = useRef(request);
  requestRef.current = request;

  useEffect(() => {
    const call = ++latest.current;
    if (!enabled) {
      setState({ status: 'idle', issues: [] });
      return;
    }
    if (hold) {
      // Nothing worth asking: the last good answer stays, and the page says what to finish.
      setState((s) => ({ status: 'held', result: s.result, ms: s.ms, issues: [] }));
      return;
    }
    const controller = new AbortController();
    // The last count stays on screen while the new one loads, but the last issues go: they name
    // rules of the previous tree (a field since changed, a value since fixed) and would mislead.
    setState((s) => (s.status === 'loading' && s.issues.length === 0 ? s : { ...s, status: 'loading', issues: [] }));
    const timer = setTimeout(async () => {
      const started = performance.now();
      try {
        const result = await requestRef.current(inputRef.current, controller.signal);
        if (call !== latest.current || controller.signal.aborted) return;
        setState({ status: 'ready', result, ms: Math.round(performance.now() - started), issues: [] });
      } catch (error) {
        if (call !== latest.current || controller.signal.aborted || isAbort(error)) return;
        const problem = readApiError(error);
        setState((s) => ({
          status: problem.status === 400 ? 'invalid' : 'error',
          result: s.result,
          ms: s.ms,
          message: problem.message,
          issues: problem.issues,
        }));
      }
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, delay, enabled, hold]);

  return state;
}

/** The live preview of a tree being edited: its count and first contacts, in one request. */
export function usePreview(filters: FilterGroup, request: PreviewRequest, options: Omit<LiveOptions, 'enabled'> = {}): PreviewState {
  return useLiveRequest(filters, treeKey(filters), request, options);
}

export interface PreviewParts {
  contacts: LiveRequest<FilterGroup, PreviewContactsResult>;
  count: LiveRequest<FilterGroup, PreviewCountResult>;
}

/**
 * The live preview in two requests sent at once: the first contacts show as soon as they come, and
 * the count follows ("counting…" until then). A newer tree aborts both, which stops their
 * statements on the database. `parts` must be stable (memoised).
 */
export function usePreviewParts(filters: FilterGroup, parts: PreviewParts, options: Omit<LiveOptions, 'enabled'> = {}): PreviewState {
  const key = treeKey(filters);
  const contacts = useLiveRequest(filters, key, parts.contacts, options);
  const count = useLiveRequest(filters, key, parts.count, options);
  return useMemo(() => joinParts(contacts, count), [contacts, count]);
}

/** One state for the panel from the two parts' states: a refusal or failure of either is the preview's. */
export function joinParts(contacts: LiveState<PreviewContactsResult>, count: LiveState<PreviewCountResult>): PreviewState {
  // The earlier moment of the two, when either came from the editor's cache.
  const asOf = [contacts.result?.asOf, count.result?.asOf].filter((x): x is string => Boolean(x)).sort()[0];
  const result: PreviewView | undefined =
    contacts.result || count.result
      ? { contacts: contacts.result?.contacts ?? [], count: count.result?.count, ...(asOf && { asOf }) }
      : undefined;
  const refused = [contacts, count].find((s) => s.status === 'invalid') ?? [contacts, count].find((s) => s.status === 'error');
  if (refused) return { status: refused.status, result, ms: contacts.ms, message: refused.message, issues: refused.issues };
  // Both ask about the same input under the same options: held, idle and loading together; the contacts decide "ready".
  return { status: contacts.status, result, ms: contacts.ms, countMs: count.ms, counting: count.status === 'loading', issues: [] };
}
