import { useCallback, useEffect, useRef, useState } from 'react';
import type { SegmentRecord } from '../../shared/contracts/records';
import { readApiError } from '../apiErrors';

type CountFields = Pick<SegmentRecord, 'lastCount' | 'lastCountAt' | 'lastCountMs'> & { lastCountError?: string | null };

export interface RowCount extends CountFields {
  counting: boolean;
  /** The server answered "still counting" (over its count budget): the numbers are the last known ones. */
  pending: boolean;
  /** Why the newest count failed: this request's error, or the one the server recorded. */
  error?: string;
}

const newer = (a: CountFields, b: CountFields) => (a.lastCountAt ?? '') >= (b.lastCountAt ?? '');

/** Counts taken on view at once, at most: a long list does not fire every count together. */
export const PARALLEL_COUNTS = 2;

/** Whether a row's count is missing or older than `maxAgeSeconds` at `now`. */
export const isStale = (segment: CountFields, maxAgeSeconds: number, now = Date.now()) =>
  segment.lastCount == null || !segment.lastCountAt || now - Date.parse(segment.lastCountAt) > maxAgeSeconds * 1000;

/**
 * Counts shown in the segments list. Rows never counted, or counted longer ago than
 * `maxAgeSeconds` (plugin config `countMaxAgeSeconds`; undefined until known: nothing is counted
 * on view), are counted on view, PARALLEL_COUNTS at a time; each count is bounded by the server's
 * count budget (past it, the answer is "still counting"). "Count now" recounts a row straight away.
 * A fresh count wins over the list's copy until the list itself brings a newer one.
 */
export function useSegmentCounts(
  segments: SegmentRecord[] | undefined,
  count: (documentId: string) => Promise<SegmentRecord & { pending?: boolean }>,
  maxAgeSeconds?: number,
) {
  const [fresh, setFresh] = useState<Record<string, CountFields>>({});
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [counting, setCounting] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const requested = useRef(new Set<string>());
  const waiting = useRef<string[]>([]);
  const running = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const countNow = useCallback(
    async (documentId: string) => {
      requested.current.add(documentId);
      setCounting((c) => ({ ...c, [documentId]: true }));
      try {
        const { lastCount, lastCountAt, lastCountMs, lastCountError, pending: still } = await count(documentId);
        if (!mounted.current) return;
        setFresh((f) => ({ ...f, [documentId]: { lastCount, lastCountAt, lastCountMs, lastCountError } }));
        setPending((p) => ({ ...p, [documentId]: Boolean(still) }));
        setErrors(({ [documentId]: _, ...rest }) => rest);
      } catch (error) {
        if (mounted.current) setErrors((e) => ({ ...e, [documentId]: readApiError(error).message }));
      } finally {
        if (mounted.current) setCounting((c) => ({ ...c, [documentId]: false }));
      }
    },
    [count],
  );

  const pump = useCallback(() => {
    while (running.current < PARALLEL_COUNTS && waiting.current.length > 0 && mounted.current) {
      const id = waiting.current.shift()!;
      running.current++;
      void countNow(id).finally(() => {
        running.current--;
        pump();
      });
    }
  }, [countNow]);

  useEffect(() => {
    if (maxAgeSeconds === undefined) return;
    const now = Date.now();
    for (const segment of segments ?? []) {
      const id = segment.documentId;
      if (requested.current.has(id) || !isStale(segment, maxAgeSeconds, now)) continue;
      requested.current.add(id);
      setCounting((c) => ({ ...c, [id]: true }));
      waiting.current.push(id);
    }
    pump();
  }, [segments, maxAgeSeconds, pump]);

  const countOf = (segment: SegmentRecord): RowCount => {
    const known = fresh[segment.documentId];
    const best = known && newer(known, segment) ? known : segment;
    return {
      lastCount: best.lastCount,
      lastCountAt: best.lastCountAt,
      lastCountMs: best.lastCountMs,
      counting: counting[segment.documentId] ?? false,
      pending: pending[segment.documentId] ?? false,
      error: errors[segment.documentId] ?? best.lastCountError ?? undefined,
    };
  };
  return { countOf, countNow };
}
