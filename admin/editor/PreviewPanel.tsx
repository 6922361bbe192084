import { Box, Flex, IconButton, Loader, Typography } from '@strapi/design-system';
import { Question } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import type { PreviewContact } from '../../shared/contracts/preview';
import { Notice } from '../components/Notice';
import { useT } from '../i18n';
import { PanelSection } from './PanelSection';
import type { PreviewBlocker } from './previewIssues';
import type { PreviewState } from './usePreview';

const ContactList = styled.ul`
  margin-top: ${({ theme }) => theme.spaces[2]};
  li {
    display: flex;
    flex-direction: column;
    min-width: 0;
    padding: ${({ theme }) => theme.spaces[2]} 0;
    border-top: 1px solid ${({ theme }) => theme.colors.neutral150};
  }
`;

/**
 * The live count and the first matching contacts of the tree being edited. The previous answer
 * stays visible (dimmed) while a newer one loads, so the panel does not jump on every keystroke.
 * With `onExplain`, each member row asks why that contact is here.
 */
export const PreviewPanel = ({
  state,
  onExplain,
  blocker,
}: {
  state: PreviewState;
  onExplain?: (contact: PreviewContact) => void;
  /** Which rule to finish, in words, while the tree is incomplete or refused (previewIssues.ts). */
  blocker?: PreviewBlocker;
}) => {
  const t = useT();
  const intl = useIntl();
  const { status, result } = state;
  const loading = status === 'loading';
  // Incomplete or refused: the last good count stays, dimmed, under what to finish.
  const blocked = status === 'held' || status === 'invalid';
  const dim = loading || blocked;
  // The first contacts may be in while the count still runs (usePreviewParts: never while held or refused).
  const counting = Boolean(state.counting);
  const timing =
    counting || state.ms == null
      ? null
      : state.countMs == null
        ? t('preview.took', { ms: state.ms })
        : t('preview.tookParts', { first: state.ms, count: state.countMs });
  return (
    <PanelSection
      titleId="segment-preview-title"
      title={t('preview.title')}
      aside={loading ? <Loader small>{t('preview.loading')}</Loader> : null}
      gap={4}
    >
      {/* Announced to screen readers as the count changes. */}
      <Box aria-live="polite" aria-busy={loading || counting}>
        {blocked ? (
          <Notice variant="warning" title={blocker ? t('preview.held', { label: blocker.label }) : t('preview.invalid')}>
            {blocker?.message ?? state.message}
          </Notice>
        ) : null}
        {status === 'error' ? (
          <Notice variant="danger" title={t('preview.failed')}>
            {state.message}
          </Notice>
        ) : result ? (
          <Flex direction="column" alignItems="flex-start" gap={1} style={{ opacity: dim ? 0.6 : 1 }} data-dimmed={dim || undefined}>
            {blocked ? (
              <Typography variant="pi" textColor="neutral600" paddingTop={2}>
                {t('preview.lastGood')}
              </Typography>
            ) : null}
            {result.count == null ? (
              <Typography variant="alpha" tag="p" textColor="neutral600">
                {t('preview.counting')}
              </Typography>
            ) : (
              <Typography variant="alpha" tag="p" style={{ opacity: counting && !dim ? 0.6 : 1 }} data-counting={counting || undefined}>
                {t('preview.count', { count: result.count })}
              </Typography>
            )}
            {counting && !loading && result.count != null ? (
              <Flex gap={2}>
                <Loader small>{t('preview.counting')}</Loader>
                {/* Said aloud by the loader; shown so that the last count is not read as this tree's. */}
                <Typography variant="pi" textColor="neutral600" aria-hidden>
                  {t('preview.counting')}
                </Typography>
              </Flex>
            ) : timing ? (
              <Typography variant="pi" textColor="neutral600">
                {timing}
              </Typography>
            ) : null}
            {result.asOf && !counting ? (
              <Typography variant="pi" textColor="neutral600" data-as-of={result.asOf}>
                {t('preview.asOf', { time: intl.formatTime(result.asOf, { timeStyle: 'medium' }) })}
              </Typography>
            ) : null}
          </Flex>
        ) : blocked ? null : (
          <Typography textColor="neutral600">{t('preview.waiting')}</Typography>
        )}
      </Box>
      {status !== 'error' && result ? (
        result.contacts.length === 0 ? (
          <Typography textColor="neutral600">{t('preview.empty')}</Typography>
        ) : (
          <Box style={{ opacity: dim ? 0.6 : 1 }}>
            <Typography variant="sigma" textColor="neutral600" tag="h3" id="segment-preview-first">
              {t('preview.first', { count: result.contacts.length })}
            </Typography>
            {/* A list, not a table: three columns do not fit the side panel and overflowed it. */}
            <ContactList aria-labelledby="segment-preview-first">
              {result.contacts.map((c) => (
                <li key={c.documentId}>
                  <Flex justifyContent="space-between" gap={2}>
                    <Box minWidth={0}>
                      <Typography fontWeight="semiBold" ellipsis>
                        {c.name || t('common.none')}
                      </Typography>
                      <Typography variant="pi" textColor="neutral600" ellipsis>
                        {[c.email, c.company].filter(Boolean).join(' · ') || t('common.none')}
                      </Typography>
                    </Box>
                    {onExplain ? (
                      <IconButton
                        label={t('explain.why', { name: c.name || c.email || c.documentId })}
                        variant="ghost"
                        onClick={() => onExplain(c)}
                      >
                        <Question />
                      </IconButton>
                    ) : null}
                  </Flex>
                </li>
              ))}
            </ContactList>
          </Box>
        )
      ) : null}
    </PanelSection>
  );
};
