import { Link } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { useSegmentsApi } from '../api';
import { MembersTable } from '../components/MembersTable';
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
          {(members) => <MembersTable page={members} pageSize={pageSize} withCompany={true} />}
        </Loaded>
      </Layouts.Content>
    </Page.Main>
  );
};
