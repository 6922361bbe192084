import { Box, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';

/**
 * One of the editor's white cards (preview, AI Mode, "why is a contact here?"): a section named by
 * its h2, so screen readers list the panels as regions. `aside` sits at the heading's far end (the
 * preview's loader) so it does not push the content down when it appears.
 */
export const PanelSection = ({
  titleId,
  title,
  aside,
  gap,
  children,
}: {
  titleId: string;
  title: string;
  aside?: ReactNode;
  gap: number;
  children: ReactNode;
}) => {
  const heading = (
    <Typography variant="delta" tag="h2" id={titleId}>
      {title}
    </Typography>
  );
  return (
    <Box tag="section" aria-labelledby={titleId} background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={gap}>
        {aside === undefined ? (
          heading
        ) : (
          <Flex justifyContent="space-between" alignItems="center">
            {heading}
            {aside}
          </Flex>
        )}
        {children}
      </Flex>
    </Box>
  );
};
