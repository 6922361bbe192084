import { Layouts, Page as AdminPage } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import type { Page } from '../../server/types';
import { useT } from '../i18n';
import { Loaded } from './Loaded';
import { MembersTable, type Member } from './MembersTable';
import { SubPageHeader, type SubPageHeaderProps } from './SubPageHeader';
import { useLoader } from './useLoader';
import { usePageParams } from './usePageParams';

/**
 * The members of one audience (a segment's live ones, a list's frozen ones) of the `:documentId` in
 * the URL, a page at a time. The header is drawn from the audience, so the page waits for it.
 */
export function MembersPage<Audience>({
  load,
  loadMembers,
  header,
  empty,
  withCompany,
  withSince,
}: {
  load: (documentId: string) => Promise<Audience>;
  loadMembers: (documentId: string, paging: { page: number; pageSize: number }) => Promise<Page<Member>>;
  header: (audience: Audience, documentId: string) => SubPageHeaderProps;
  empty: string;
  withCompany: boolean;
  /** Whether the audience shows when each member entered (a watched segment). */
  withSince?: (audience: Audience) => boolean;
}) {
  const t = useT();
  const { documentId = '' } = useParams();
  const { page, pageSize } = usePageParams();
  const audience = useLoader(() => load(documentId), [documentId]);
  const members = useLoader(() => loadMembers(documentId, { page, pageSize }), [documentId, page, pageSize]);

  if (audience.error) return <AdminPage.Error />;
  if (!audience.data) return <AdminPage.Loading />;
  const showSince = withSince?.(audience.data) ?? false;

  return (
    <AdminPage.Main>
      <SubPageHeader {...header(audience.data, documentId)} />
      <Layouts.Content>
        <Loaded state={members} loading={t('members.loading')} isEmpty={(data) => data.data.length === 0} empty={empty}>
          {(members) => <MembersTable page={members} pageSize={pageSize} withCompany={withCompany} withSince={showSince} />}
        </Loaded>
      </Layouts.Content>
    </AdminPage.Main>
  );
}
