import { Table, Tbody, Tr } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { Page } from '../../shared/contracts/paging';
import { ColumnHeads, type ColumnHead } from './ColumnHeads';
import { PageFooter } from './PageFooter';

/**
 * One page of records as a table, one row a record, with the total and Strapi's paging under it.
 * `cells` draws a record's cells, in the order of `columns`.
 */
export function PagedTable<T extends { documentId: string }>({
  page,
  pageSize,
  columns,
  total,
  cells,
}: {
  page: Page<T>;
  pageSize: number;
  columns: ColumnHead[];
  /** The footer's badge, given the number of records in all. */
  total: (count: number) => string;
  cells: (record: T) => ReactNode;
}) {
  const {
    data,
    meta: { pagination },
  } = page;
  return (
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
  );
}
