import { Flex, IconButton } from '@strapi/design-system';
import { ArrowsCounterClockwise, Pencil } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import type { SegmentRecord } from '../../shared/contracts/records';
import { useT } from '../i18n';
import { paths } from '../paths';
import type { Allowed } from '../permissions';
import { segmentActions, type SegmentActionHandlers } from './segmentActions';

/** A segment row's actions; each needs its permission, handed in by the page that asked useRBAC. Counting only reads. */
export const SegmentRowActions = ({
  segment,
  allowed,
  counting,
  onCountNow,
  ...handlers
}: {
  segment: SegmentRecord;
  allowed: Allowed;
  counting: boolean;
  onCountNow: () => void;
} & SegmentActionHandlers) => {
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
      {segmentActions(allowed, Boolean(segment.archived), handlers).map(({ id, icon, onClick }) => (
        <IconButton key={id} label={t(`segments.${id}`, { name })} onClick={onClick}>
          {icon}
        </IconButton>
      ))}
    </Flex>
  );
};
