import { Flex, LinkButton, Link, Tabs, Td, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useMemo, useState } from 'react';
import { describeTree } from '../../shared/describe-tree';
import { Link as RouterLink } from 'react-router-dom';
import { useSegmentsApi } from '../api';
import { useFormat } from '../components/format';
import { PagedTable } from '../components/PagedTable';
import { usePageParams } from '../components/usePageParams';
import { SearchField } from '../components/SearchField';
import { useSearchQuery } from '../components/useSearchQuery';
import { SectionNav } from '../components/SectionNav';
import { useAction } from '../components/useAction';
import { useDeleteSegment } from '../components/useDeleteSegment';
import { useLoader } from '../components/useLoader';
import { useT } from '../i18n';
import { paths } from '../paths';
import { PERMISSIONS } from '../permissions';
import { withLastRefresh } from '../segments/lastRefreshCount';
import { SegmentCountCells, WRAP } from '../segments/SegmentCountCells';
import { SegmentRowActions } from '../segments/SegmentRowActions';
import { SegmentSummary } from '../segments/SegmentSummary';
import { archiveNotice } from '../segments/archiveNotice';
import { useSegmentCounts } from '../segments/useSegmentCounts';
import { useRecordNames } from '../words/useTreeWords';

/** Saved segments, active or archived, with their last known count and the segment actions. */
export const SegmentsPage = () => {
  const t = useT();
  const format = useFormat();
  const api = useSegmentsApi();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [archived, setArchived] = useState(false);
  const { page, pageSize, toFirstPage } = usePageParams();
  const { query, search } = useSearchQuery(toFirstPage);
  const params = { archived, q: query || undefined, page, pageSize };
  const segments = useLoader(params, () => api.segments(params));
  const settings = useLoader('settings', () => api.settings());
  const counts = useSegmentCounts(segments.data?.data, api.countSegment, settings.data?.countMaxAgeSeconds);
  // Each row's summary is its tree in words; without the catalog (still loading, or refused) rows show descriptions only.
  const catalog = useLoader('catalog', () => api.catalog());
  const trees = useMemo(() => (segments.data?.data ?? []).map((s) => s.filters), [segments.data]);
  const names = useRecordNames(trees, catalog.data, api.lookup);
  const act = useAction(segments.reload);
  const { askToDelete, dialogs } = useDeleteSegment(api, segments.reload);
  const status = archived ? 'archived' : 'active';

  return (
    <Page.Main>
      <Page.Title>{t('segments.title')}</Page.Title>
      <Layouts.Header
        title={t('segments.title')}
        subtitle={t('segments.subtitle')}
        primaryAction={
          allowedActions.canCreate ? (
            <LinkButton tag={RouterLink} to={paths.newSegment} startIcon={<Plus />}>
              {t('segments.create')}
            </LinkButton>
          ) : null
        }
      />
      <Layouts.Content>
        <SectionNav>
          {/* The table is the status tabs' panel, so each tab controls an element that exists. */}
          <Tabs.Root
            value={status}
            onValueChange={(v: string) => {
              setArchived(v === 'archived');
              toFirstPage();
            }}
          >
            <Flex justifyContent="space-between" paddingBottom={4} gap={4}>
              <Tabs.List aria-label={t('segments.status')}>
                <Tabs.Trigger value="active">{t('segments.active')}</Tabs.Trigger>
                <Tabs.Trigger value="archived">{t('segments.archived')}</Tabs.Trigger>
              </Tabs.List>
              <SearchField value={query} onChange={search} label={t('segments.search')} />
            </Flex>
            <Tabs.Content value={status}>
              <PagedTable
                state={segments}
                loading={t('segments.loading')}
                empty={query ? t('segments.noMatch', { status, query }) : t('segments.empty', { status })}
                pageSize={pageSize}
                columns={[t('column.name'), t('column.contacts'), t('column.counted'), t('column.updated'), t('column.actions')]}
                total={(count) => t('segments.total', { count })}
                cells={(segment) => (
                  <>
                    <Td>
                      {/* Bounded, with the description cut short: a long one widened the column until the actions left the screen. */}
                      <Flex direction="column" alignItems="flex-start" style={{ maxWidth: 'min(40rem, 26vw)' }}>
                        <Link tag={RouterLink} to={paths.segment(segment.documentId)}>
                          <Typography fontWeight="bold" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                            {segment.name}
                          </Typography>
                        </Link>
                        {segment.description ? (
                          <Typography textColor="neutral600" ellipsis title={segment.description} style={{ maxWidth: '100%' }}>
                            {segment.description}
                          </Typography>
                        ) : null}
                        {catalog.data ? <SegmentSummary text={describeTree(segment.filters, catalog.data.fields, names)} /> : null}
                      </Flex>
                    </Td>
                    <SegmentCountCells
                      name={segment.name}
                      count={withLastRefresh(counts.countOf(segment), segment.lastRefresh)}
                      recent={segment.recentCounts}
                    />
                    <Td>
                      <Typography textColor="neutral600" style={WRAP}>
                        {format.date(segment.updatedAt)}
                      </Typography>
                    </Td>
                    <Td>
                      <SegmentRowActions
                        segment={segment}
                        allowed={allowedActions}
                        counting={counts.countOf(segment).counting}
                        onCountNow={() => void counts.countNow(segment.documentId)}
                        onDuplicate={() => act(() => api.duplicate(segment.documentId), t('segments.duplicated', { name: segment.name }))}
                        onToggleArchived={() =>
                          act(
                            () => api.setArchived(segment.documentId, !segment.archived),
                            (changed) => archiveNotice(t, changed),
                          )
                        }
                        onDelete={() => askToDelete(segment)}
                      />
                    </Td>
                  </>
                )}
              />
            </Tabs.Content>
          </Tabs.Root>
        </SectionNav>
        {dialogs}
      </Layouts.Content>
    </Page.Main>
  );
};
