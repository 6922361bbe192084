import type { TreeIssue } from '../shared/filter-tree';

export interface SegmentRef {
  documentId: string;
  name: string;
}

/** What the panel needs from a failed request, read from Strapi's error body `{ error: { status, message, details } }`. */
export interface ApiProblem {
  status?: number;
  message: string;
  /** A 400 on a filter tree: the offending paths (`rules[2].value`), relative to the tree. */
  issues: TreeIssue[];
  /** A refused delete (409): the segments that use the one being deleted. */
  usedBy: SegmentRef[];
}

/**
 * Reads the fetch client's errors by shape rather than by class, so tests (and other clients) can
 * hand in plain objects.
 */
export function readApiError(error: unknown): ApiProblem {
  const e = error as { status?: number; message?: string; response?: { data?: { error?: any } } } | null;
  const body = e?.response?.data?.error;
  const details = body?.details ?? {};
  return {
    status: body?.status ?? e?.status,
    message: String(body?.message ?? e?.message ?? 'Request failed'),
    issues: Array.isArray(details.errors) ? details.errors.filter((i: any) => typeof i?.path === 'string') : [],
    usedBy: Array.isArray(details.usedBy) ? details.usedBy : [],
  };
}

/** True for a request cancelled on purpose (a newer preview replaced it, or the page was left). */
export const isAbort = (error: unknown) => (error as { name?: string } | null)?.name === 'AbortError';
