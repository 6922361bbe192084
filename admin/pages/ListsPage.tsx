import { Badge, Flex, IconButton, Link, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { ListRecord } from '../../server/types';
import { useSegmentsApi } from '../api';
import { ColumnHeads } from '../components/ColumnHeads';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { formatCount, formatDate } from '../components/format';
import { Loaded } from '../components/Loaded';
import { SearchField } from '../components/SearchField';
import { SectionNav } from '../components/SectionNav';
import { useAction } from '../components/useAction';
import { useLoader } from '../components/useLoader';
import { PERMISSIONS } from '../permissions';

/** Static lists: audiences frozen from segments with "Export to List". */
export const ListsPage = () => {
  const api = useSegmentsApi();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [query, setQuery] = useState('');
  const [toDelete, setToDelete] = useState<ListRecord | null>(null);
  const lists = useLoader(() => api.lists({ q: query || undefined }), [query]);
  const act = useAction(lists.reload);

  return (
    <Page.Main>
      <Page.Title>Lists</Page.Title>
      <Layouts.Header title="Lists" subtitle="Static audiences frozen from segments; they never change afterwards" />
      <Layouts.Content>
        <SectionNav />
        <Flex justifyContent="flex-end" paddingBottom={4}>
          <SearchField value={query} onChange={setQuery} label="Search lists" />
        </Flex>
        <Loaded
          state={lists}
          loading="Loading lists"
          isEmpty={(data) => data.length === 0}
          empty={query ? `No list matches “${query}”` : 'No lists yet: export a segment to freeze its members'}
        >
          {(data) => (
            <Table colCount={5} rowCount={data.length + 1}>
              <ColumnHeads names={['Name', 'Members', 'From segment', 'Frozen', 'Actions']} />
              <Tbody>
                {data.map((list) => (
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
        </Loaded>
        <ConfirmDelete
          target={toDelete}
          title="Delete this list?"
          message={(list) => `“${list.name}” and its ${formatCount(list.memberCount)} frozen members will be deleted. The contacts stay.`}
          onClose={() => setToDelete(null)}
          onConfirm={(list) => act(() => api.deleteList(list.documentId), `Deleted “${list.name}”`)}
        />
      </Layouts.Content>
    </Page.Main>
  );
};
