import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import { useT } from '../i18n';
import type { PreviewState } from './usePreview';

/**
 * The editor's columns. Wide (the design system's `large`, 1080 px and up): the form and the
 * conditions, then AI Mode, on the left; the preview column on the right, sticky, so the count
 * stays in view while lower rules are edited. Narrower: one column with the preview straight after
 * the conditions (before AI Mode), and a compact count bar that sticks to the top.
 */
export const EditorGrid = styled.div`
  display: grid;
  gap: ${({ theme }) => theme.spaces[4]};
  grid-template-columns: minmax(0, 1fr);
  grid-template-areas: 'main' 'side' 'more';
  ${({ theme }) => theme.breakpoints.large} {
    grid-template-columns: minmax(0, 3fr) minmax(0, 1fr);
    grid-template-areas: 'main side' 'more side';
    grid-template-rows: auto 1fr;
  }
`;

export const EditorMain = styled.div`
  grid-area: main;
  min-width: 0;
`;

export const EditorMore = styled.div`
  grid-area: more;
  min-width: 0;
`;

export const EditorSide = styled.div`
  grid-area: side;
  min-width: 0;
  ${({ theme }) => theme.breakpoints.large} {
    position: sticky;
    top: ${({ theme }) => theme.spaces[4]};
    align-self: start;
    max-height: calc(100vh - ${({ theme }) => theme.spaces[8]});
    overflow-y: auto;
  }
`;

const Bar = styled(Box)`
  position: sticky;
  top: 0;
  z-index: 2;
  ${({ theme }) => theme.breakpoints.large} {
    display: none;
  }
`;

/** The count as a one-line bar that stays at the top of narrow screens (the preview column is below the conditions there). */
export const CountBar = ({ state }: { state: PreviewState }) => {
  const t = useT();
  const intl = useIntl();
  const loading = state.status === 'loading' || Boolean(state.counting);
  const asOf = !loading && state.status !== 'invalid' && state.status !== 'error' ? state.result?.asOf : undefined;
  return (
    <Bar
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      paddingLeft={4}
      paddingRight={4}
      paddingTop={2}
      paddingBottom={2}
      marginBottom={4}
      data-testid="count-bar"
    >
      <Flex gap={2} style={{ opacity: loading ? 0.6 : 1 }}>
        <Typography fontWeight="bold">
          {state.result?.count != null && state.status !== 'invalid' && state.status !== 'error'
            ? t('preview.countBar', { count: state.result.count })
            : t('preview.waiting')}
        </Typography>
        {loading ? <Loader small>{t('preview.countBarLoading')}</Loader> : null}
        {asOf ? (
          // The panel below says why; the bar only that the number is of that moment.
          <Typography variant="pi" textColor="neutral600" data-as-of={asOf}>
            {t('preview.countBarAsOf', { time: intl.formatTime(asOf, { timeStyle: 'medium' }) })}
          </Typography>
        ) : null}
      </Flex>
    </Bar>
  );
};
