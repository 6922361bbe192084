import { useMemo, useState } from 'react';
import type { FilterGroup } from '../../shared/filter-tree';
import type { SegmentRecord } from '../../server/types';
import type { SegmentDraft } from '../api';
import { treeKey } from './treeKey';

export const EMPTY_TREE: FilterGroup = { combinator: 'and', rules: [] };

const draftOf = (segment: SegmentRecord | null): SegmentDraft => ({
  name: segment?.name ?? '',
  description: segment?.description ?? null,
  filters: segment?.filters ?? EMPTY_TREE,
  // Sent only once there is one, so a segment never touched by AI Mode saves as before.
  ...(segment?.aiPrompt ? { aiPrompt: segment.aiPrompt } : {}),
});

const sameDraft = (a: SegmentDraft, b: SegmentDraft) =>
  a.name === b.name && (a.description ?? '') === (b.description ?? '') && treeKey(a.filters) === treeKey(b.filters);

/** The editor's form: what is being edited, what was last saved, and whether they differ. */
export function useSegmentForm(initial: SegmentRecord | null) {
  const [saved, setSaved] = useState<SegmentDraft>(() => draftOf(initial));
  const [draft, setDraft] = useState<SegmentDraft>(saved);
  const dirty = useMemo(() => !sameDraft(draft, saved), [draft, saved]);
  return {
    draft,
    dirty,
    setName: (name: string) => setDraft((d) => ({ ...d, name })),
    setDescription: (description: string) => setDraft((d) => ({ ...d, description: description || null })),
    setFilters: (filters: FilterGroup) => setDraft((d) => ({ ...d, filters })),
    /** AI Mode's apply and undo: the tree and the prompt it came from, together. */
    setGenerated: (filters: FilterGroup, aiPrompt: string | null) => setDraft((d) => ({ ...d, filters, aiPrompt })),
    /** After a save: the server's copy becomes both the saved state and the form's content. */
    markSaved: (segment: SegmentRecord) => {
      const next = draftOf(segment);
      setSaved(next);
      setDraft(next);
    },
  };
}
