import { Badge, Flex, Link, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page, Pagination } from '@strapi/strapi/admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { useSegmentsApi } from '../api';
import { ColumnHeads } from '../components/ColumnHeads';
import { Loaded } from '../components/Loaded';
import { useLoader } from '../components/useLoader';
import { usePageParams } from '../components/usePageParams';
import { useT } from '../i18n';
import { paths } from '../paths';

/** The live members of a saved segment, evaluated on every page read. */
export const SegmentMembersPage = () => {
  const t = useT();
  const { documentId = '' } = useParams();
  const { page, pageSize } = usePageParams();
  const api = useSegmentsApi();
  const segment = useLoader(() => api.segment(documentId), [documentId]);
  const members = useLoader(() => api.segmentMembers(documentId, { page, pageSize }), [documentId, page, pageSize]);

  if (segment.error) return <Page.Error />;
  if (!segment.data) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('segmentMembers.title', { name: segment.data.name })}</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link tag={RouterLink} to={paths.segment(documentId)} startIcon={<ArrowLeft />}>
            {t('segmentMembers.back', { name: segment.data.name })}
          </Link>
        }
        title={t('segmentMembers.title', { name: segment.data.name })}
        subtitle={t('segmentMembers.subtitle')}
      />
      <Layouts.Content>
        <Loaded state={members} loading={t('members.loading')} isEmpty={(data) => data.data.length === 0} empty={t('segmentMembers.empty')}>
          {({ data, meta: { pagination } }) => (
            <>
              <Table colCount={3} rowCount={data.length + 1}>
                <ColumnHeads names={[t('column.name'), t('column.email'), t('column.company')]} />
                <Tbody>
                  {data.map((m) => (
                    <Tr key={m.documentId}>
                      <Td>
                        <Typography>{m.name || t('common.none')}</Typography>
                      </Td>
                      <Td>
                        <Typography textColor="neutral600">{m.email ?? t('common.none')}</Typography>
                      </Td>
                      <Td>
                        <Typography textColor="neutral600">{m.company ?? t('common.none')}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <Flex paddingTop={4} justifyContent="space-between">
                <Badge>{t('members.total', { count: pagination.total })}</Badge>
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
