import { Link, Td, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import type { Page } from '../../shared/contracts/paging';
import type { ListMember, SegmentMember } from '../../shared/contracts/members';
import { useT } from '../i18n';
import { MemberSinceCell } from './MemberSinceCell';
import { useFormat } from './format';
import { PagedTable } from './PagedTable';
import type { useMemberSort } from './useMemberSort';

export type Member = ListMember | SegmentMember;

/** A contact's edit view in the Content Manager. */
export const contentManagerPath = (contactType: string, documentId: string) =>
  `/content-manager/collection-types/${contactType}/${documentId}`;

/**
 * A page of contacts (a segment's live members or a list's frozen ones) with the total and paging;
 * name, email and created order the table, each name opens the contact in the Content Manager;
 * `withSince` adds when each entered a watched segment.
 */
export function MembersTable({
  state,
  empty,
  pageSize,
  withCompany,
  withSince = false,
  sort,
  contactType,
}: {
  state: { data?: Page<Member>; error?: unknown; loading: boolean };
  /** What an empty page says. */
  empty: string;
  pageSize: number;
  withCompany: boolean;
  withSince?: boolean;
  sort: ReturnType<typeof useMemberSort>;
  /** The contact content type, once known: names link to the Content Manager. */
  contactType?: string;
}) {
  const t = useT();
  const format = useFormat();
  const head = (label: string, column: 'name' | 'email' | 'createdAt') => ({
    label,
    sorted: sort.sorted(column),
    onSort: () => sort.sortBy(column),
  });
  return (
    <PagedTable
      state={state}
      loading={t('members.loading')}
      empty={empty}
      pageSize={pageSize}
      columns={[
        head(t('column.name'), 'name'),
        head(t('column.email'), 'email'),
        ...(withCompany ? [t('column.company')] : []),
        head(t('column.created'), 'createdAt'),
        ...(withSince ? [t('column.memberSince')] : []),
      ]}
      total={(count) => t('members.total', { count })}
      cells={(m) => (
        <>
          <Td>
            {contactType ? (
              <Link tag={RouterLink} to={contentManagerPath(contactType, m.documentId)} title={t('members.open')}>
                {m.name || m.email || m.documentId}
              </Link>
            ) : (
              <Typography>{m.name || t('common.none')}</Typography>
            )}
          </Td>
          <Td>
            <Typography textColor="neutral600">{m.email ?? t('common.none')}</Typography>
          </Td>
          {withCompany && (
            <Td>
              <Typography textColor="neutral600">{('company' in m && m.company) || t('common.none')}</Typography>
            </Td>
          )}
          <Td>
            <Typography textColor="neutral600">{format.date(m.createdAt)}</Typography>
          </Td>
          {withSince && <MemberSinceCell since={'since' in m ? m.since : null} />}
        </>
      )}
    />
  );
}
