import { Flex, IconButton } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useT } from '../i18n';

/** The builder's Undo and Redo buttons; the keys are handled by `undoKeys` on the conditions section. */
export function UndoRedo({ canUndo, canRedo, onUndo, onRedo }: { canUndo: boolean; canRedo: boolean; onUndo: () => void; onRedo: () => void }) {
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
 * Ctrl/Cmd+Z undoes and Shift+Ctrl/Cmd+Z (or Ctrl+Y) redoes, anywhere in the conditions, text boxes
 * included: a value box's own browser undo would take back letters the tree no longer has (React
 * rewrites the box from the tree), so inside the builder the tree's history is the one undo. The
 * name and description fields keep the browser's.
 */
export const undoKeys = (undoTree: () => void, redoTree: () => void) => (e: React.KeyboardEvent) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const key = e.key.toLowerCase();
  if (key === 'z') {
    e.preventDefault();
    if (e.shiftKey) redoTree();
    else undoTree();
  } else if (key === 'y' && e.ctrlKey) {
    e.preventDefault();
    redoTree();
  }
};
