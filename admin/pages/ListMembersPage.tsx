import { Link } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { useSegmentsApi } from '../api';
import { MembersTable } from '../components/MembersTable';
import { useFormat } from '../components/format';
import { Loaded } from '../components/Loaded';
import { useLoader } from '../components/useLoader';
import { usePageParams } from '../components/usePageParams';
import { useT } from '../i18n';
import { paths } from '../paths';

/** The frozen members of one static list, a page at a time. */
export const ListMembersPage = () => {
  const t = useT();
  const format = useFormat();
  const { documentId = '' } = useParams();
  const { page, pageSize } = usePageParams();
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
          <Link tag={RouterLink} to={paths.lists} startIcon={<ArrowLeft />}>
            {t('lists.title')}
          </Link>
        }
        title={list.data.name}
        subtitle={t('listMembers.subtitle', {
          count: list.data.memberCount,
          date: format.date(list.data.frozenAt),
          segment: list.data.segment?.name ?? list.data.segmentName ?? t('listMembers.aSegment'),
        })}
      />
      <Layouts.Content>
        <Loaded state={members} loading={t('members.loading')} isEmpty={(data) => data.data.length === 0} empty={t('listMembers.empty')}>
          {(members) => <MembersTable page={members} pageSize={pageSize} withCompany={false} />}
        </Loaded>
      </Layouts.Content>
    </Page.Main>
  );
};
