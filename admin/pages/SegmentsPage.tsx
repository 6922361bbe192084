import {
  Badge,
  EmptyStateLayout,
  Flex,
  IconButton,
  Loader,
  Searchbar,
  Table,
  Tabs,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Archive, ArrowClockwise, Duplicate, Trash } from '@strapi/icons';
import { ConfirmDialog, Layouts, Page, useAPIErrorHandler, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Dialog } from '@strapi/design-system';
import { useState } from 'react';
import type { SegmentRecord } from '../../server/types';
import { useSegmentsApi } from '../api';
import { formatCount, formatDate } from '../components/format';
import { SectionNav } from '../components/SectionNav';
import { useLoader } from '../components/useLoader';
import { PERMISSIONS } from '../permissions';

/** Saved segments, active or archived, with their last known count and the segment actions. */
export const SegmentsPage = () => {
  const api = useSegmentsApi();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [archived, setArchived] = useState(false);
  const [query, setQuery] = useState('');
  const [toDelete, setToDelete] = useState<SegmentRecord | null>(null);
  const segments = useLoader(() => api.segments({ archived, q: query || undefined }), [archived, query]);

  const act = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      toggleNotification({ type: 'success', message: success });
    } catch (error) {
      toggleNotification({ type: 'danger', message: formatAPIError(error as any) });
    }
    await segments.reload();
  };

  return (
    <Page.Main>
      <Page.Title>Segments</Page.Title>
      <Layouts.Header title="Segments" subtitle="Live audiences over your contacts, evaluated on every read" />
      <Layouts.Content>
        <SectionNav />
        <Flex justifyContent="space-between" paddingBottom={4} gap={4}>
          <Tabs.Root value={archived ? 'archived' : 'active'} onValueChange={(v: string) => setArchived(v === 'archived')}>
            <Tabs.List aria-label="Segment status">
              <Tabs.Trigger value="active">Active</Tabs.Trigger>
              <Tabs.Trigger value="archived">Archived</Tabs.Trigger>
            </Tabs.List>
          </Tabs.Root>
          <Searchbar
            name="q"
            value={query}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)}
            onClear={() => setQuery('')}
            clearLabel="Clear the search"
            placeholder="Search segments"
          >
            Search segments
          </Searchbar>
        </Flex>
        {segments.loading && !segments.data ? (
          <Flex justifyContent="center" padding={8}>
            <Loader>Loading segments</Loader>
          </Flex>
        ) : segments.error ? (
          <Page.Error />
        ) : segments.data!.length === 0 ? (
          <EmptyStateLayout
            content={query ? `No ${archived ? 'archived' : 'active'} segment matches “${query}”` : `No ${archived ? 'archived' : 'active'} segments`}
          />
        ) : (
          <Table colCount={5} rowCount={segments.data!.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">Name</Typography></Th>
                <Th><Typography variant="sigma">Contacts</Typography></Th>
                <Th><Typography variant="sigma">Counted</Typography></Th>
                <Th><Typography variant="sigma">Updated</Typography></Th>
                <Th><Typography variant="sigma">Actions</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {segments.data!.map((segment) => (
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
                          label={archived ? `Unarchive ${segment.name}` : `Archive ${segment.name}`}
                          onClick={() =>
                            act(() => api.setArchived(segment.documentId, !archived), `${archived ? 'Unarchived' : 'Archived'} “${segment.name}”`)
                          }
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
        <Dialog.Root open={toDelete !== null} onOpenChange={(open: boolean) => !open && setToDelete(null)}>
          <ConfirmDialog
            title="Delete this segment?"
            onConfirm={async () => {
              const segment = toDelete!;
              setToDelete(null);
              await act(() => api.deleteSegment(segment.documentId), `Deleted “${segment.name}”`);
            }}
          >
            {toDelete ? `“${toDelete.name}” will be deleted. Lists exported from it are kept.` : ''}
          </ConfirmDialog>
        </Dialog.Root>
      </Layouts.Content>
    </Page.Main>
  );
};
