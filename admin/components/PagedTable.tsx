import { Table, Tbody, Tr } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { Page } from '../../shared/contracts/paging';
import { ColumnHeads, type ColumnHead } from './ColumnHeads';
import { Loaded } from './Loaded';
import { PageFooter } from './PageFooter';

/**
 * A loader's page of records (useLoader) as a table, one row a record, with the total and Strapi's
 * paging under it: a spinner saying `loading` on the first load, `empty` when the page has no rows.
 * `cells` draws a record's cells, in the order of `columns`.
 */
export function PagedTable<T extends { documentId: string }>({
  state,
  loading,
  empty,
  pageSize,
  columns,
  total,
  cells,
}: {
  state: { data?: Page<T>; error?: unknown; loading: boolean };
  loading: string;
  empty: string;
  pageSize: number;
  columns: ColumnHead[];
  /** The footer's badge, given the number of records in all. */
  total: (count: number) => string;
  cells: (record: T) => ReactNode;
}) {
  return (
    <Loaded state={state} loading={loading} isEmpty={(page) => page.data.length === 0} empty={empty}>
      {({ data, meta: { pagination } }) => (
        <>
          <Table colCount={columns.length} rowCount={data.length + 1}>
            <ColumnHeads names={columns} />
            <Tbody>
              {data.map((record) => (
                <Tr key={record.documentId}>{cells(record)}</Tr>
              ))}
            </Tbody>
          </Table>
          <PageFooter pagination={pagination} pageSize={pageSize} total={total(pagination.total)} />
        </>
      )}
    </Loaded>
  );
}
