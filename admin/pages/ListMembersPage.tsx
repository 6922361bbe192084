import { Badge, Flex, Link, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page, Pagination } from '@strapi/strapi/admin';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router-dom';
import { useSegmentsApi } from '../api';
import { ColumnHeads } from '../components/ColumnHeads';
import { formatCount, formatDate } from '../components/format';
import { Loaded } from '../components/Loaded';
import { useLoader } from '../components/useLoader';

/** The frozen members of one static list, a page at a time. */
export const ListMembersPage = () => {
  const { documentId = '' } = useParams();
  const [search] = useSearchParams();
  const page = Number(search.get('page') ?? 1) || 1;
  const pageSize = Number(search.get('pageSize') ?? 25) || 25;
  const api = useSegmentsApi();
  const list = useLoader(() => api.list(documentId), [documentId]);
  const members = useLoader(() => api.listMembers(documentId, { page, pageSize }), [documentId, page, pageSize]);

  if (list.error) return <Page.Error />;
  if (!list.data) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{list.data.name}</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link tag={RouterLink} to=".." relative="path" startIcon={<ArrowLeft />}>
            Lists
          </Link>
        }
        title={list.data.name}
        subtitle={`${formatCount(list.data.memberCount)} members frozen ${formatDate(list.data.frozenAt)} from “${list.data.segment?.name ?? list.data.segmentName ?? 'a segment'}”`}
      />
      <Layouts.Content>
        <Loaded state={members} loading="Loading members" isEmpty={(data) => data.data.length === 0} empty="This list has no members">
          {({ data, meta: { pagination } }) => (
            <>
              <Table colCount={2} rowCount={data.length + 1}>
                <ColumnHeads names={['Name', 'Email']} />
                <Tbody>
                  {data.map((m) => (
                    <Tr key={m.documentId}>
                      <Td>
                        <Typography>{m.name || '—'}</Typography>
                      </Td>
                      <Td>
                        <Typography textColor="neutral600">{m.email ?? '—'}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <Flex paddingTop={4} justifyContent="space-between">
                <Badge>{formatCount(pagination.total)} members</Badge>
                <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={pageSize}>
                  <Pagination.PageSize />
                  <Pagination.Links />
                </Pagination.Root>
              </Flex>
            </>
          )}
        </Loaded>
      </Layouts.Content>
    </Page.Main>
  );
};
