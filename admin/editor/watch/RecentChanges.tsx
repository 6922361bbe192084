import { Badge, Box, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import type { ChangeReason, ChangesPage } from '../../../shared/contracts/watch';
import { useFormat } from '../../components/format';
import { useT, type MessageId } from '../../i18n';
import { LoadedPart, type Loading } from './LoadedPart';

const REASONS: Record<ChangeReason, MessageId> = {
  matched: 'watch.reason.matched',
  edited: 'watch.reason.edited',
  deleted: 'watch.reason.deleted',
};

const Rows = styled.ul`
  li {
    display: flex;
    align-items: center;
    gap: ${({ theme }) => theme.spaces[3]};
    min-width: 0;
    padding: ${({ theme }) => theme.spaces[2]} 0;
    border-top: 1px solid ${({ theme }) => theme.colors.neutral150};
  }
`;

export type ChangesState = Loading<ChangesPage>;

/**
 * The newest page (`limit` changes, newest first) of a watched segment's change feed: who entered or
 * left, why in words, and when. A full page says that the feed holds more.
 */
export const RecentChanges = ({ state, limit }: { state: ChangesState; limit: number }) => {
  const t = useT();
  const format = useFormat();
  return (
    <Box>
      <Typography variant="sigma" textColor="neutral600" tag="h3" id="watch-changes-title">
        {t('watch.changesTitle')}
      </Typography>
      <Box paddingTop={2}>
        <LoadedPart
          state={state}
          loading={t('watch.changesLoading')}
          failed={(message) => t('watch.changesFailed', { message })}
          isEmpty={(page) => page.data.length === 0}
          empty={<Typography textColor="neutral600">{t('watch.changesEmpty')}</Typography>}
        >
          {(page) => (
            <>
              <Rows aria-labelledby="watch-changes-title">
                {page.data.map((change) => (
                  <li key={change.cursor}>
                    <Badge
                      backgroundColor={change.kind === 'entered' ? 'success100' : 'danger100'}
                      textColor={change.kind === 'entered' ? 'success700' : 'danger700'}
                    >
                      {change.kind === 'entered' ? t('watch.entered') : t('watch.left')}
                    </Badge>
                    <Box minWidth={0} flex="1">
                      <Typography fontWeight="semiBold" ellipsis>
                        {change.contact.name || change.contact.email || t('watch.contact', { documentId: change.contact.documentId })}
                      </Typography>
                      <Typography variant="pi" textColor="neutral600" ellipsis>
                        {[change.contact.email, t(REASONS[change.reason]), format.date(change.at)].filter(Boolean).join(' · ')}
                      </Typography>
                    </Box>
                  </li>
                ))}
              </Rows>
              {page.data.length >= limit ? (
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {t('watch.changesMore', { count: page.data.length })}
                </Typography>
              ) : null}
            </>
          )}
        </LoadedPart>
      </Box>
    </Box>
  );
};
