import { Box, Button, Dialog, Flex, Link, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { Link as RouterLink } from 'react-router-dom';
import type { SegmentRef } from '../apiErrors';
import { useT } from '../i18n';
import { paths } from '../paths';

export interface DeleteRefusal {
  name: string;
  usedBy: SegmentRef[];
}

/**
 * Says why a segment could not be deleted (409: other segments use it) and links to the editors of
 * those segments, where the rule that uses it can be removed.
 */
export const SegmentInUseDialog = ({ refusal, onClose }: { refusal: DeleteRefusal | null; onClose: () => void }) => {
  const t = useT();
  return (
    <Dialog.Root open={refusal !== null} onOpenChange={(open: boolean) => !open && onClose()}>
      {refusal ? (
        <Dialog.Content>
          <Dialog.Header>{t('inUse.title', { name: refusal.name })}</Dialog.Header>
          <Dialog.Body icon={<WarningCircle fill="danger600" />}>
            <Flex direction="column" alignItems="stretch" gap={2} width="100%">
              <Typography id="in-use-description">{t('inUse.message', { count: refusal.usedBy.length })}</Typography>
              <Box tag="ul" aria-labelledby="in-use-description">
                {refusal.usedBy.map((user) => (
                  <li key={user.documentId}>
                    <Link tag={RouterLink} to={paths.segment(user.documentId)} onClick={onClose}>
                      {user.name}
                    </Link>
                  </li>
                ))}
              </Box>
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button fullWidth variant="tertiary">
                {t('common.close')}
              </Button>
            </Dialog.Cancel>
          </Dialog.Footer>
        </Dialog.Content>
      ) : null}
    </Dialog.Root>
  );
};
