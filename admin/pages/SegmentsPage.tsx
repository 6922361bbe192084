import { Badge, Flex, IconButton, Table, Tabs, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Archive, ArrowClockwise, Duplicate, Trash } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import type { SegmentRecord } from '../../server/types';
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

/** Saved segments, active or archived, with their last known count and the segment actions. */
export const SegmentsPage = () => {
  const api = useSegmentsApi();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [archived, setArchived] = useState(false);
  const [query, setQuery] = useState('');
  const [toDelete, setToDelete] = useState<SegmentRecord | null>(null);
  const segments = useLoader(() => api.segments({ archived, q: query || undefined }), [archived, query]);
  const act = useAction(segments.reload);
  const status = archived ? 'archived' : 'active';

  return (
    <Page.Main>
      <Page.Title>Segments</Page.Title>
      <Layouts.Header title="Segments" subtitle="Live audiences over your contacts, evaluated on every read" />
      <Layouts.Content>
        <SectionNav />
        <Flex justifyContent="space-between" paddingBottom={4} gap={4}>
          <Tabs.Root value={status} onValueChange={(v: string) => setArchived(v === 'archived')}>
            <Tabs.List aria-label="Segment status">
              <Tabs.Trigger value="active">Active</Tabs.Trigger>
              <Tabs.Trigger value="archived">Archived</Tabs.Trigger>
            </Tabs.List>
          </Tabs.Root>
          <SearchField value={query} onChange={setQuery} label="Search segments" />
        </Flex>
        <Loaded
          state={segments}
          loading="Loading segments"
          isEmpty={(data) => data.length === 0}
          empty={query ? `No ${status} segment matches “${query}”` : `No ${status} segments`}
        >
          {(data) => (
            <Table colCount={5} rowCount={data.length + 1}>
              <ColumnHeads names={['Name', 'Contacts', 'Counted', 'Updated', 'Actions']} />
              <Tbody>
                {data.map((segment) => (
                  <Tr key={segment.documentId}>
                    <Td>
                      <Flex direction="column" alignItems="flex-start">
                        <Typography fontWeight="bold">{segment.name}</Typography>
                        {segment.description ? <Typography textColor="neutral600">{segment.description}</Typography> : null}
                      </Flex>
                    </Td>
                    <Td>
                      <Badge>{formatCount(segment.lastCount)}</Badge>
                    </Td>
                    <Td>
                      <Typography textColor="neutral600">
                        {formatDate(segment.lastCountAt)}
                        {segment.lastCountMs != null ? ` · ${segment.lastCountMs} ms` : ''}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral600">{formatDate(segment.updatedAt)}</Typography>
                    </Td>
                    <Td>
                      <Flex gap={1}>
                        {allowedActions.canCreate && (
                          <IconButton label={`Duplicate ${segment.name}`} onClick={() => act(() => api.duplicate(segment.documentId), `Duplicated “${segment.name}”`)}>
                            <Duplicate />
                          </IconButton>
                        )}
                        {allowedActions.canUpdate && (
                          <IconButton
                            label={`${archived ? 'Unarchive' : 'Archive'} ${segment.name}`}
                            onClick={() => act(() => api.setArchived(segment.documentId, !archived), `${archived ? 'Unarchived' : 'Archived'} “${segment.name}”`)}
                          >
                            {archived ? <ArrowClockwise /> : <Archive />}
                          </IconButton>
                        )}
                        {allowedActions.canDelete && (
                          <IconButton label={`Delete ${segment.name}`} onClick={() => setToDelete(segment)}>
                            <Trash />
                          </IconButton>
                        )}
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Loaded>
        <ConfirmDelete
          target={toDelete}
          title="Delete this segment?"
          message={(segment) => `“${segment.name}” will be deleted. Lists exported from it are kept.`}
          onClose={() => setToDelete(null)}
          onConfirm={(segment) => act(() => api.deleteSegment(segment.documentId), `Deleted “${segment.name}”`)}
        />
      </Layouts.Content>
    </Page.Main>
  );
};
