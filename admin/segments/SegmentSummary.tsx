import { Typography } from '@strapi/design-system';

/** A row's tree in words, on one line cut short (whole on hover): a long one ran over the next columns. */
export const SegmentSummary = ({ text }: { text: string }) => (
  <Typography variant="pi" textColor="neutral600" data-testid="segment-summary" ellipsis title={text} style={{ maxWidth: '100%' }}>
    {text}
  </Typography>
);
