import { Tooltip, Typography } from '@strapi/design-system';

/**
 * A segment's conditions in words, on one line cut short: the whole text shows on hover and on
 * focus (the line is reachable by Tab), and is what screen readers read.
 */
export const SegmentSummary = ({ text }: { text: string }) => (
  <Tooltip label={text}>
    <Typography
      variant="pi"
      textColor="neutral600"
      ellipsis
      tabIndex={0}
      data-testid="segment-summary"
      style={{ display: 'block', maxWidth: '100%' }}
    >
      {text}
    </Typography>
  </Tooltip>
);
