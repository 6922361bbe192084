import { Button, Flex } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page as AdminPage } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import type { Page } from '../../shared/contracts/paging';
import type { MemberParams } from '../../shared/contracts/members';
import { useSegmentsApi } from '../api';
import { useT } from '../i18n';
import { MembersTable, type Member } from './MembersTable';
import { SearchField } from './SearchField';
import { SubPageHeader, type SubPageHeaderProps } from './SubPageHeader';
import { useDownload } from './useDownload';
import { useLoader } from './useLoader';
import { useMemberSort } from './useMemberSort';
import { usePageParams } from './usePageParams';
import { useSearchQuery } from './useSearchQuery';

/**
 * The members of one audience (a segment's live ones, a list's frozen ones) of the `:documentId` in
 * the URL, a page at a time, searched and ordered by the server, with a CSV download of all of them.
 * The header is drawn from the audience, so the page waits for it.
 */
export function MembersPage<Audience extends { name: string }>({
  kind,
  load,
  loadMembers,
  header,
  empty,
  withCompany,
  withSince,
  actions,
}: {
  kind: 'segments' | 'lists';
  load: (documentId: string) => Promise<Audience>;
  loadMembers: (documentId: string, params: MemberParams) => Promise<Page<Member>>;
  header: (audience: Audience, documentId: string) => SubPageHeaderProps;
  empty: string;
  withCompany: boolean;
  /** Whether the audience shows when each member entered (a watched segment). */
  withSince?: (audience: Audience) => boolean;
  /** More header actions, given the audience and a way to reload it (a list's Rename). */
  actions?: (audience: Audience, reload: () => Promise<void>) => ReactNode;
}) {
  const t = useT();
  const api = useSegmentsApi();
  const { documentId = '' } = useParams();
  const { page, pageSize, toFirstPage } = usePageParams();
  const { query, search } = useSearchQuery(toFirstPage);
  const sort = useMemberSort(toFirstPage);
  const settings = useLoader('settings', () => api.settings());
  const audience = useLoader(documentId, () => load(documentId));
  const params = { page, pageSize, q: query || undefined, sort: sort.sort, order: sort.order };
  const members = useLoader({ documentId, params }, () => loadMembers(documentId, params));
  const csv = useDownload();

  if (audience.error) return <AdminPage.Error />;
  if (!audience.data) return <AdminPage.Loading />;
  const showSince = withSince?.(audience.data) ?? false;

  const downloadAll = () => csv.download(() => api.membersCsv(kind, documentId), `${audience.data!.name}.csv`);
  return (
    <AdminPage.Main>
      <SubPageHeader
        {...header(audience.data, documentId)}
        primaryAction={
          <Flex gap={2}>
            {actions?.(audience.data, audience.reload)}
            <Button variant="secondary" startIcon={<Download />} onClick={downloadAll} loading={csv.busy}>
              {t('members.download')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex paddingBottom={4}>
          <SearchField value={query} onChange={search} label={t('members.search')} />
        </Flex>
        <MembersTable
          state={members}
          empty={query ? t('members.noMatch', { query }) : empty}
          pageSize={pageSize}
          withCompany={withCompany}
          withSince={showSince}
          sort={sort}
          contactType={settings.data?.contactType}
        />
      </Layouts.Content>
    </AdminPage.Main>
  );
}
