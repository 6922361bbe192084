import { Td, Typography } from '@strapi/design-system';
import { useFormat } from './format';

/** When a member entered a watched segment; a dash before the segment's first refresh counted it in. */
export const MemberSinceCell = ({ since }: { since: string | null | undefined }) => {
  const format = useFormat();
  return (
    <Td>
      <Typography textColor="neutral600">{format.date(since)}</Typography>
    </Td>
  );
};
