import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useT } from '../i18n';

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
        <Typography variant="pi" textColor="neutral700">
          {t('legend.alone')}
        </Typography>
        <Typography variant="pi" textColor="neutral700">
          {t('legend.keeps')}
        </Typography>
        <Typography variant="pi" textColor="neutral700">
          {t('legend.adds')}
        </Typography>
        <Flex gap={2}>
          <Badge backgroundColor="warning100" textColor="neutral800">
            {t('explain.cutsMost')}
          </Badge>
          <Typography variant="pi" textColor="neutral700">
            {t('legend.cutsMost')}
          </Typography>
        </Flex>
      </Flex>
    </Box>
  );
};
