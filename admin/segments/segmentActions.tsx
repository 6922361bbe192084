import { Archive, ArrowClockwise, Duplicate, Trash } from '@strapi/icons';
import type { ReactNode } from 'react';
import type { Allowed } from '../permissions';

/** What can be done to a saved segment from its editor's toolbar and from its row in the list. */
export interface SegmentActionHandlers {
  onDuplicate: () => void;
  onToggleArchived: () => void;
  onDelete: () => void;
}

export interface SegmentAction {
  id: 'duplicate' | 'archive' | 'unarchive' | 'delete';
  icon: ReactNode;
  onClick: () => void;
}

/**
 * The actions the admin's permissions allow on a segment, in the order both places show them: the
 * toolbar as buttons with words, a row as icon buttons naming the segment.
 */
export function segmentActions(allowed: Allowed, archived: boolean, on: SegmentActionHandlers): SegmentAction[] {
  const actions: SegmentAction[] = [];
  if (allowed.canCreate) actions.push({ id: 'duplicate', icon: <Duplicate />, onClick: on.onDuplicate });
  if (allowed.canUpdate) {
    actions.push({
      id: archived ? 'unarchive' : 'archive',
      icon: archived ? <ArrowClockwise /> : <Archive />,
      onClick: on.onToggleArchived,
    });
  }
  if (allowed.canDelete) actions.push({ id: 'delete', icon: <Trash />, onClick: on.onDelete });
  return actions;
}
