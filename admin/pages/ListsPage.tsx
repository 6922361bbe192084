import { Badge, Flex, IconButton, Link, Td, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { ListRecord } from '../../shared/contracts/records';
import { useSegmentsApi } from '../api';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { useFormat } from '../components/format';
import { PagedTable } from '../components/PagedTable';
import { usePageParams } from '../components/usePageParams';
import { SearchField } from '../components/SearchField';
import { useSearchQuery } from '../components/useSearchQuery';
import { SectionNav } from '../components/SectionNav';
import { useAction } from '../components/useAction';
import { useLoader } from '../components/useLoader';
import { useT } from '../i18n';
import { paths } from '../paths';
import { PERMISSIONS } from '../permissions';

/** Static lists: audiences frozen from segments with "Export to List". */
export const ListsPage = () => {
  const t = useT();
  const format = useFormat();
  const api = useSegmentsApi();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [toDelete, setToDelete] = useState<ListRecord | null>(null);
  const { page, pageSize, toFirstPage } = usePageParams();
  const { query, search } = useSearchQuery(toFirstPage);
  const params = { q: query || undefined, page, pageSize };
  const lists = useLoader(params, () => api.lists(params));
  const act = useAction(lists.reload);

  return (
    <Page.Main>
      <Page.Title>{t('lists.title')}</Page.Title>
      <Layouts.Header title={t('lists.title')} subtitle={t('lists.subtitle')} />
      <Layouts.Content>
        <SectionNav>
          <Flex justifyContent="flex-end" paddingBottom={4}>
            <SearchField value={query} onChange={search} label={t('lists.search')} />
          </Flex>
          <PagedTable
            state={lists}
            loading={t('lists.loading')}
            empty={query ? t('lists.noMatch', { query }) : t('lists.empty')}
            pageSize={pageSize}
            columns={[t('column.name'), t('column.members'), t('column.fromSegment'), t('column.frozen'), t('column.actions')]}
            total={(count) => t('lists.total', { count })}
            cells={(list) => (
              <>
                <Td>
                  <Link tag={RouterLink} to={paths.list(list.documentId)}>
                    {list.name}
                  </Link>
                </Td>
                <Td>
                  <Badge>{format.count(list.memberCount)}</Badge>
                  {list.memberCount !== list.frozenCount ? (
                    <Typography textColor="neutral600" variant="pi">
                      {' '}
                      {t('lists.frozenCount', { count: list.frozenCount })}
                    </Typography>
                  ) : null}
                </Td>
                <Td>
                  <Typography textColor="neutral600">
                    {list.segment
                      ? list.segment.name
                      : list.segmentName
                        ? t('lists.deletedSegment', { name: list.segmentName })
                        : t('common.none')}
                  </Typography>
                </Td>
                <Td>
                  <Typography textColor="neutral600">{format.date(list.frozenAt)}</Typography>
                </Td>
                <Td>
                  {allowedActions.canDelete && (
                    <IconButton label={t('lists.delete', { name: list.name })} onClick={() => setToDelete(list)}>
                      <Trash />
                    </IconButton>
                  )}
                </Td>
              </>
            )}
          />
        </SectionNav>
        <ConfirmDelete
          target={toDelete}
          title={t('lists.deleteTitle')}
          message={(list) => t('lists.deleteMessage', { name: list.name, count: list.memberCount })}
          onClose={() => setToDelete(null)}
          onConfirm={(list) => act(() => api.deleteList(list.documentId), t('lists.deleted', { name: list.name }))}
        />
      </Layouts.Content>
    </Page.Main>
  );
};
