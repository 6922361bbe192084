import { Badge, Flex } from '@strapi/design-system';
import { Pagination } from '@strapi/strapi/admin';
import type { Page } from '../../shared/contracts/paging';

/** Under a paged table: how many there are in all, and Strapi's page size and page links. */
export function PageFooter({
  pagination,
  pageSize,
  total,
}: {
  pagination: Page<unknown>['meta']['pagination'];
  pageSize: number;
  total: string;
}) {
  return (
    <Flex paddingTop={4} justifyContent="space-between">
      <Badge>{total}</Badge>
      <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={pageSize}>
        <Pagination.PageSize />
        <Pagination.Links />
      </Pagination.Root>
    </Flex>
  );
}
