import { useCallback, useMemo, useRef, useState } from 'react';
import { treeKey, type FilterGroup } from '../../shared/filter-tree';
import type { SegmentRecord } from '../../shared/contracts/records';
import type { SegmentCreateBody as SegmentDraft } from '../../shared/contracts/segments';
import { EMPTY_HISTORY, recordChange, redo, undo, type TreeHistory } from './treeHistory';

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

/** The editor's form: what is being edited, what was last saved, whether they differ, and the tree's undo history. */
export function useSegmentForm(initial: SegmentRecord | null) {
  const [saved, setSaved] = useState<SegmentDraft>(() => draftOf(initial));
  const [draft, setDraft] = useState<SegmentDraft>(saved);
  const [history, setHistory] = useState<TreeHistory>(EMPTY_HISTORY);
  // The history and tree of the latest render, so a change is recorded once (updater functions may run twice).
  const latest = useRef({ draft, history });
  latest.current = { draft, history };
  const dirty = useMemo(() => !sameDraft(draft, saved), [draft, saved]);

  const changeTree = useCallback((filters: FilterGroup, extra: Partial<SegmentDraft> = {}) => {
    const { draft: current, history: past } = latest.current;
    const next = recordChange(past, current.filters, filters, Date.now());
    latest.current = { draft: { ...current, ...extra, filters }, history: next };
    setHistory(next);
    setDraft((d) => ({ ...d, ...extra, filters }));
  }, []);

  const step = useCallback((move: typeof undo) => {
    const { draft: current, history: past } = latest.current;
    const moved = move(past, current.filters);
    if (!moved) return;
    latest.current = { draft: { ...current, filters: moved.tree }, history: moved.history };
    setHistory(moved.history);
    setDraft((d) => ({ ...d, filters: moved.tree }));
  }, []);

  return {
    draft,
    dirty,
    setName: useCallback((name: string) => setDraft((d) => ({ ...d, name })), []),
    setDescription: useCallback((description: string) => setDraft((d) => ({ ...d, description: description || null })), []),
    setFilters: useCallback((filters: FilterGroup) => changeTree(filters), [changeTree]),
    /** AI Mode's apply and undo: the tree and the prompt it came from, together (one step of the history). */
    setGenerated: useCallback((filters: FilterGroup, aiPrompt: string | null) => changeTree(filters, { aiPrompt }), [changeTree]),
    undo: useCallback(() => step(undo), [step]),
    redo: useCallback(() => step(redo), [step]),
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    /** After a save: the server's copy becomes both the saved state and the form's content. */
    markSaved: (segment: SegmentRecord) => {
      const next = draftOf(segment);
      setSaved(next);
      setDraft(next);
    },
  };
}
