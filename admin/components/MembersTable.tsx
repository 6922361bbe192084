import { Td, Typography } from '@strapi/design-system';
import type { Page } from '../../server/types';
import type { ListMember, SegmentContact } from '../api';
import { useT } from '../i18n';
import { PagedTable } from './PagedTable';

export type Member = ListMember | SegmentContact;

/** A page of contacts (a segment's live members or a list's frozen ones) with the total and paging. */
export function MembersTable({ page, pageSize, withCompany }: { page: Page<Member>; pageSize: number; withCompany: boolean }) {
  const t = useT();
  return (
    <PagedTable
      page={page}
      pageSize={pageSize}
      columns={[t('column.name'), t('column.email'), ...(withCompany ? [t('column.company')] : [])]}
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
        </>
      )}
    />
  );
}
