import type { ArchivedSegment } from '../api';
import type { useT } from '../i18n';

/**
 * What archiving or unarchiving tells the admin. Archiving changes nothing for the segments built on
 * this one (they still use its conditions): the notice names them, so that nobody is surprised.
 */
export function archiveNotice(t: ReturnType<typeof useT>, changed: ArchivedSegment): { type: 'success' | 'warning'; message: string } {
  if (!changed.archived) return { type: 'success', message: t('segments.unarchived', { name: changed.name }) };
  if (changed.usedBy.length === 0) return { type: 'success', message: t('segments.archivedDone', { name: changed.name }) };
  return {
    type: 'warning',
    message: t('segments.archivedInUse', {
      name: changed.name,
      users: changed.usedBy.map((s) => `“${s.name}”`).join(', '),
      count: changed.usedBy.length,
    }),
  };
}
