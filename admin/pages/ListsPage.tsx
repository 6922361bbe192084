import { Badge, Dialog, EmptyStateLayout, Flex, IconButton, Link, Loader, Searchbar, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { ConfirmDialog, Layouts, Page, useAPIErrorHandler, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { ListRecord } from '../../server/types';
import { useSegmentsApi } from '../api';
import { formatCount, formatDate } from '../components/format';
import { SectionNav } from '../components/SectionNav';
import { useLoader } from '../components/useLoader';
import { PERMISSIONS } from '../permissions';

/** Static lists: audiences frozen from segments with "Export to List". */
export const ListsPage = () => {
  const api = useSegmentsApi();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [query, setQuery] = useState('');
  const [toDelete, setToDelete] = useState<ListRecord | null>(null);
  const lists = useLoader(() => api.lists({ q: query || undefined }), [query]);

  const remove = async (list: ListRecord) => {
    try {
      await api.deleteList(list.documentId);
      toggleNotification({ type: 'success', message: `Deleted “${list.name}”` });
    } catch (error) {
      toggleNotification({ type: 'danger', message: formatAPIError(error as any) });
    }
    await lists.reload();
  };

  return (
    <Page.Main>
      <Page.Title>Lists</Page.Title>
      <Layouts.Header title="Lists" subtitle="Static audiences frozen from segments; they never change afterwards" />
      <Layouts.Content>
        <SectionNav />
        <Flex justifyContent="flex-end" paddingBottom={4}>
          <Searchbar
            name="q"
            value={query}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)}
            onClear={() => setQuery('')}
            clearLabel="Clear the search"
            placeholder="Search lists"
          >
            Search lists
          </Searchbar>
        </Flex>
        {lists.loading && !lists.data ? (
          <Flex justifyContent="center" padding={8}>
            <Loader>Loading lists</Loader>
          </Flex>
        ) : lists.error ? (
          <Page.Error />
        ) : lists.data!.length === 0 ? (
          <EmptyStateLayout content={query ? `No list matches “${query}”` : 'No lists yet: export a segment to freeze its members'} />
        ) : (
          <Table colCount={5} rowCount={lists.data!.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">Name</Typography></Th>
                <Th><Typography variant="sigma">Members</Typography></Th>
                <Th><Typography variant="sigma">From segment</Typography></Th>
                <Th><Typography variant="sigma">Frozen</Typography></Th>
                <Th><Typography variant="sigma">Actions</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {lists.data!.map((list) => (
                <Tr key={list.documentId}>
                  <Td>
                    <Link tag={RouterLink} to={list.documentId}>
                      {list.name}
                    </Link>
                  </Td>
                  <Td>
                    <Badge>{formatCount(list.memberCount)}</Badge>
                  </Td>
                  <Td>
                    <Typography textColor="neutral600">
                      {list.segment?.name ?? list.segmentName ?? '—'}
                      {!list.segment && list.segmentName ? ' (deleted)' : ''}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral600">{formatDate(list.frozenAt)}</Typography>
                  </Td>
                  <Td>
                    {allowedActions.canDelete && (
                      <IconButton label={`Delete ${list.name}`} onClick={() => setToDelete(list)}>
                        <Trash />
                      </IconButton>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        <Dialog.Root open={toDelete !== null} onOpenChange={(open: boolean) => !open && setToDelete(null)}>
          <ConfirmDialog
            title="Delete this list?"
            onConfirm={async () => {
              const list = toDelete!;
              setToDelete(null);
              await remove(list);
            }}
          >
            {toDelete ? `“${toDelete.name}” and its ${formatCount(toDelete.memberCount)} frozen members will be deleted. The contacts stay.` : ''}
          </ConfirmDialog>
        </Dialog.Root>
      </Layouts.Content>
    </Page.Main>
  );
};
