import { useCallback, useMemo } from 'react';
import type { Catalog } from '../../shared/catalog';
import type { ContactExplanation, Explanation } from '../../shared/contracts/explain';
import { treeKey, type FilterGroup } from '../../shared/filter-tree';
import type { SegmentsApi } from '../api';
import type { NodeAnnotation } from '../builder/types';
import { useT } from '../i18n';
import { contactAnnotations, countAnnotations, mergeAnnotations } from './annotations';
import { useLiveRequest, type LiveState } from './usePreview';

/** An answer with the tree it is about, so annotations are read against that tree, not a newer one. */
interface About<T> {
  tree: FilterGroup;
  answer: T;
}

export interface ExplainState {
  counts: LiveState<About<Explanation>>;
  contact: LiveState<About<ContactExplanation>>;
  /** For the builder's `annotations` prop. */
  annotations: Record<string, NodeAnnotation>;
}

/**
 * Explain beside the preview: per-condition counts of the tree being edited, and, once a contact is
 * chosen, its result at every condition. Both refresh like the preview (debounced, cancelled when
 * obsolete, stale answers dropped).
 */
export function useExplain(api: SegmentsApi, catalog: Catalog, filters: FilterGroup, contact: string | null): ExplainState {
  const t = useT();
  const key = treeKey(filters);
  const countsRequest = useCallback(
    async (tree: FilterGroup, signal: AbortSignal) => ({ tree, answer: await api.explain(tree, { signal }) }),
    [api],
  );
  const contactRequest = useCallback(
    async (input: { tree: FilterGroup; contact: string | null }, signal: AbortSignal) => ({
      tree: input.tree,
      answer: await api.explainContact({ filters: input.tree, contact: input.contact! }, { signal }),
    }),
    [api],
  );
  const counts = useLiveRequest(filters, key, countsRequest);
  const contactState = useLiveRequest({ tree: filters, contact }, `${key}|${contact ?? ''}`, contactRequest, { enabled: contact !== null });

  const countsResult = counts.result;
  const contactResult = contact !== null && contactState.result?.answer.contact.documentId === contact ? contactState.result : undefined;
  const annotations = useMemo(
    () =>
      mergeAnnotations(
        countsResult && countAnnotations(countsResult.tree, countsResult.answer),
        contactResult && contactAnnotations(contactResult.tree, contactResult.answer, catalog.fields, t),
      ),
    [countsResult, contactResult, catalog, t],
  );
  return { counts, contact: contactState, annotations };
}
