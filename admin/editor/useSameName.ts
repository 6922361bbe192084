import { useEffect, useState } from 'react';
import { MAX_PAGE_SIZE } from '../../shared/contracts/constants';
import type { SegmentsApi } from '../api';

export const SAME_NAME_DELAY_MS = 400;

/**
 * The other segment (active or archived) already called `name`, ignoring case and surrounding
 * spaces, if any: a second one is allowed, but the editor says so before it is saved.
 */
export function useSameName(segments: SegmentsApi['segments'], name: string, documentId: string | undefined): string | null {
  const [same, setSame] = useState<string | null>(null);
  const wanted = name.trim().toLowerCase();
  useEffect(() => {
    if (!wanted) return setSame(null);
    let current = true;
    const timer = setTimeout(() => {
      segments({ q: wanted, page: 1, pageSize: MAX_PAGE_SIZE })
        .then((found) => {
          const other = found.data.find((s) => s.documentId !== documentId && s.name.trim().toLowerCase() === wanted);
          if (current) setSame(other?.name ?? null);
        })
        .catch(() => current && setSame(null));
    }, SAME_NAME_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [segments, wanted, documentId]);
  return same;
}
