import { Flex, IconButton } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useEffect, type RefObject } from 'react';
import { useT } from '../i18n';

/** The builder's Undo and Redo buttons; the keys are `useUndoKeys`. */
export function UndoRedo({
  canUndo,
  canRedo,
  onUndo,
  onRedo,
}: {
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
}) {
  const t = useT();
  return (
    <Flex gap={1} title={t('builder.undoHint')}>
      <IconButton label={t('builder.undo')} variant="ghost" size="S" onClick={onUndo} disabled={!canUndo}>
        {/* Redo's arrow, mirrored: the design system has no undo icon. */}
        <ArrowClockwise style={{ transform: 'scaleX(-1)' }} />
      </IconButton>
      <IconButton label={t('builder.redo')} variant="ghost" size="S" onClick={onRedo} disabled={!canRedo}>
        <ArrowClockwise />
      </IconButton>
    </Flex>
  );
}

/**
 * Ctrl/Cmd+Z undoes and Shift+Ctrl/Cmd+Z (or Ctrl+Y) redoes while the keyboard is in the conditions,
 * or nowhere in particular (after a click removed the focused button). Inside the conditions this
 * includes text boxes: their own browser undo would take back letters the tree no longer has (React
 * rewrites the box from the tree), so there the tree's history is the one undo, typing coalesced.
 * Every other field (name, description, AI Mode's prompt) keeps the browser's.
 */
export function useUndoKeys(conditions: RefObject<HTMLElement>, undoTree: () => void, redoTree: () => void, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return;
      const target = e.target as Node | null;
      if (target !== document.body && !conditions.current?.contains(target)) return;
      // An open dialog or pop-up owns the keys.
      if (document.querySelector('[role="dialog"]')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' || (key === 'y' && e.ctrlKey)) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) redoTree();
        else undoTree();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [conditions, undoTree, redoTree, enabled]);
}
