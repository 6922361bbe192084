import { Flex, IconButton } from '@strapi/design-system';
import { Archive, ArrowClockwise, ArrowsCounterClockwise, Duplicate, Pencil, Trash } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import type { SegmentRecord } from '../../shared/contracts/records';
import { useT } from '../i18n';
import { paths } from '../paths';
import type { Allowed } from '../permissions';

/** A segment row's actions; each needs its permission, handed in by the page that asked useRBAC. Counting only reads. */
export const SegmentRowActions = ({
  segment,
  allowed,
  counting,
  onCountNow,
  onDuplicate,
  onToggleArchived,
  onDelete,
}: {
  segment: SegmentRecord;
  allowed: Allowed;
  counting: boolean;
  onCountNow: () => void;
  onDuplicate: () => void;
  onToggleArchived: () => void;
  onDelete: () => void;
}) => {
  const t = useT();
  const navigate = useNavigate();
  const { name } = segment;
  return (
    <Flex gap={1}>
      <IconButton label={t('segments.countNow', { name })} onClick={onCountNow} disabled={counting}>
        <ArrowsCounterClockwise />
      </IconButton>
      {allowed.canUpdate ? (
        <IconButton label={t('segments.edit', { name })} onClick={() => navigate(paths.segment(segment.documentId))}>
          <Pencil />
        </IconButton>
      ) : null}
      {allowed.canCreate ? (
        <IconButton label={t('segments.duplicate', { name })} onClick={onDuplicate}>
          <Duplicate />
        </IconButton>
      ) : null}
      {allowed.canUpdate ? (
        <IconButton
          label={segment.archived ? t('segments.unarchive', { name }) : t('segments.archive', { name })}
          onClick={onToggleArchived}
        >
          {segment.archived ? <ArrowClockwise /> : <Archive />}
        </IconButton>
      ) : null}
      {allowed.canDelete ? (
        <IconButton label={t('segments.delete', { name })} onClick={onDelete}>
          <Trash />
        </IconButton>
      ) : null}
    </Flex>
  );
};
