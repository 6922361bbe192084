import { Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import type { Page } from '../../server/types';
import type { ListMember, SegmentContact } from '../api';
import { useT } from '../i18n';
import { ColumnHeads } from './ColumnHeads';
import { PageFooter } from './PageFooter';

type Member = ListMember | SegmentContact;

/** A page of contacts (a segment's live members or a list's frozen ones) with the total and paging. */
export function MembersTable({ page, pageSize, withCompany }: { page: Page<Member>; pageSize: number; withCompany: boolean }) {
  const t = useT();
  const { data, meta: { pagination } } = page;
  const columns = [t('column.name'), t('column.email'), ...(withCompany ? [t('column.company')] : [])];
  return (
    <>
      <Table colCount={columns.length} rowCount={data.length + 1}>
        <ColumnHeads names={columns} />
        <Tbody>
          {data.map((m) => (
            <Tr key={m.documentId}>
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
            </Tr>
          ))}
        </Tbody>
      </Table>
      <PageFooter pagination={pagination} pageSize={pageSize} total={t('members.total', { count: pagination.total })} />
    </>
  );
}
