import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useT, type MessageId } from '../i18n';

const LINES: MessageId[] = ['legend.alone', 'legend.keeps', 'legend.adds'];

const Line = ({ children }: { children: ReactNode }) => (
  <Typography variant="pi" textColor="neutral700">
    {children}
  </Typography>
);

/**
 * The key to the numbers under each condition: what "alone" and "keeps" count, that "keeps"
 * depends on the order of the conditions, and what the one "Cuts most" mark means.
 */
export const ExplainLegend = () => {
  const t = useT();
  return (
    <Box
      background="neutral100"
      hasRadius
      padding={3}
      marginTop={2}
      tag="aside"
      aria-label={t('legend.title')}
      data-testid="explain-legend"
    >
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="pi" fontWeight="bold">
          {t('legend.title')}
        </Typography>
        {LINES.map((id) => (
          <Line key={id}>{t(id)}</Line>
        ))}
        <Flex gap={2}>
          <Badge backgroundColor="warning100" textColor="neutral800">
            {t('explain.cutsMost')}
          </Badge>
          <Line>{t('legend.cutsMost')}</Line>
        </Flex>
      </Flex>
    </Box>
  );
};
