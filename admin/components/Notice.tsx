import { Box, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';

const COLORS = {
  danger: { background: 'danger100', borderColor: 'danger200' },
  warning: { background: 'warning100', borderColor: 'warning200' },
  info: { background: 'primary100', borderColor: 'primary200' },
} as const;

/**
 * A message that stays until its cause is fixed. The design system's Alert always draws a close
 * button, which would only hide a problem that is still there.
 */
export const Notice = ({ variant, title, children }: { variant: keyof typeof COLORS; title: string; children?: ReactNode }) => (
  <Box {...COLORS[variant]} hasRadius padding={4} role={variant === 'danger' ? 'alert' : 'status'}>
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography fontWeight="bold">{title}</Typography>
      {children ? <Typography tag="div">{children}</Typography> : null}
    </Flex>
  </Box>
);
