import { useNotification } from '@strapi/strapi/admin';
import { useMemo, useState } from 'react';
import type { SegmentRecord } from '../../shared/contracts/records';
import type { SegmentsApi } from '../api';
import { readApiError } from '../apiErrors';
import { useT } from '../i18n';
import { ConfirmDelete } from './ConfirmDelete';
import { SegmentInUseDialog, type DeleteRefusal } from './SegmentInUseDialog';
import { useHandler } from './useHandler';

/**
 * Deleting a segment, as the list and the editor both do it: ask first; when the server refuses
 * because other segments use it (409), name them with links instead of a bare error.
 */
export function useDeleteSegment(api: SegmentsApi, onDeleted: (segment: SegmentRecord) => void | Promise<void>) {
  const t = useT();
  const { toggleNotification } = useNotification();
  const [target, setTarget] = useState<SegmentRecord | null>(null);
  const [refusal, setRefusal] = useState<DeleteRefusal | null>(null);

  const remove = useHandler(async (segment: SegmentRecord) => {
    try {
      await api.deleteSegment(segment.documentId);
    } catch (error) {
      const problem = readApiError(error);
      if (problem.status === 409 && problem.usedBy.length > 0) setRefusal({ name: segment.name, usedBy: problem.usedBy });
      else toggleNotification({ type: 'danger', message: problem.message });
      return;
    }
    toggleNotification({ type: 'success', message: t('segments.deleted', { name: segment.name }) });
    await onDeleted(segment);
  });

  // The same elements until what they show changes: the editor re-renders on every keystroke.
  const dialogs = useMemo(
    () => (
      <>
        <ConfirmDelete
          target={target}
          title={t('segments.deleteTitle')}
          message={(segment) => t('segments.deleteMessage', { name: segment.name })}
          onClose={() => setTarget(null)}
          onConfirm={remove}
        />
        <SegmentInUseDialog refusal={refusal} onClose={() => setRefusal(null)} />
      </>
    ),
    [target, refusal, t, remove],
  );
  return { askToDelete: setTarget, dialogs };
}
