import { Td, Typography } from '@strapi/design-system';
import type { Page } from '../../server/types';
import type { ListMember, SegmentMember } from '../api';
import { useT } from '../i18n';
import { MemberSinceCell } from './MemberSinceCell';
import { PagedTable } from './PagedTable';

export type Member = ListMember | SegmentMember;

/**
 * A page of contacts (a segment's live members or a list's frozen ones) with the total and paging;
 * `withSince` adds when each entered a watched segment.
 */
export function MembersTable({
  page,
  pageSize,
  withCompany,
  withSince = false,
}: {
  page: Page<Member>;
  pageSize: number;
  withCompany: boolean;
  withSince?: boolean;
}) {
  const t = useT();
  return (
    <PagedTable
      page={page}
      pageSize={pageSize}
      columns={[t('column.name'), t('column.email'), ...(withCompany ? [t('column.company')] : []), ...(withSince ? [t('column.memberSince')] : [])]}
      total={(count) => t('members.total', { count })}
      cells={(m) => (
        <>
          <Td>
            <Typography>{m.name || t('common.none')}</Typography>
          </Td>
          <Td>
            <Typography textColor="neutral600">{m.email ?? t('common.none')}</Typography>
          </Td>
          {withCompany && (
            <Td>
              <Typography textColor="neutral600">{('company' in m && m.company) || t('common.none')}</Typography>
            </Td>
          )}
          {withSince && <MemberSinceCell since={'since' in m ? m.since : null} />}
        </>
      )}
    />
  );
}
