import { Button, Flex, LinkButton, Typography } from '@strapi/design-system';
import { Download, User } from '@strapi/icons';
import { memo } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useT } from '../i18n';
import { paths } from '../paths';
import type { Allowed } from '../permissions';
import { segmentActions, type SegmentActionHandlers } from '../segments/segmentActions';

/**
 * Save and Cancel, for the page header. Save needs create on a new segment, update on a saved one;
 * on a saved segment it waits for a change, as Strapi's edit views do.
 */
export const SaveActions = ({
  allowed,
  isNew,
  dirty,
  saving,
  onSave,
  onCancel,
}: {
  allowed: Allowed;
  isNew: boolean;
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
}) => {
  const t = useT();
  const canSave = isNew ? allowed.canCreate : allowed.canUpdate;
  return (
    <Flex gap={2}>
      <Button variant="tertiary" onClick={onCancel}>
        {t('editor.cancel')}
      </Button>
      {canSave ? (
        <Button onClick={onSave} loading={saving} disabled={!isNew && !dirty}>
          {t('editor.save')}
        </Button>
      ) : null}
    </Flex>
  );
};

/**
 * What can be done with a saved segment besides editing it. Export freezes what is saved, so it
 * waits until the form has no unsaved changes, and says so.
 */
export const SegmentToolbar = memo(function SegmentToolbar({
  allowed,
  documentId,
  archived,
  dirty,
  onExport,
  ...handlers
}: {
  allowed: Allowed;
  documentId: string;
  archived: boolean;
  dirty: boolean;
  onExport: () => void;
} & SegmentActionHandlers) {
  const t = useT();
  return (
    <Flex gap={2} wrap="wrap" alignItems="center">
      <LinkButton tag={RouterLink} to={paths.segmentMembers(documentId)} variant="secondary" startIcon={<User />}>
        {t('editor.members')}
      </LinkButton>
      {allowed.canExport ? (
        <>
          <Button
            variant="secondary"
            startIcon={<Download />}
            onClick={onExport}
            disabled={dirty}
            aria-describedby={dirty ? 'export-needs-save' : undefined}
          >
            {t('editor.export')}
          </Button>
          {dirty ? (
            <Typography id="export-needs-save" variant="pi" textColor="neutral600">
              {t('editor.exportNeedsSave')}
            </Typography>
          ) : null}
        </>
      ) : null}
      {segmentActions(allowed, archived, handlers).map(({ id, icon, onClick }) => (
        <Button key={id} variant={id === 'delete' ? 'danger-light' : 'tertiary'} startIcon={icon} onClick={onClick}>
          {t(`editor.${id}`)}
        </Button>
      ))}
    </Flex>
  );
});
