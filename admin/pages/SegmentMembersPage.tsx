import { useSegmentsApi } from '../api';
import { MembersPage } from '../components/MembersPage';
import { useT } from '../i18n';
import { paths } from '../paths';

/** The live members of a saved segment, evaluated on every page read. */
export const SegmentMembersPage = () => {
  const t = useT();
  const api = useSegmentsApi();
  return (
    <MembersPage
      kind="segments"
      load={api.segment}
      loadMembers={api.segmentMembers}
      header={(segment, documentId) => ({
        title: t('segmentMembers.title', { name: segment.name }),
        subtitle: t('segmentMembers.subtitle'),
        back: { to: paths.segment(documentId), label: t('segmentMembers.back', { name: segment.name }) },
      })}
      empty={t('segmentMembers.empty')}
      withCompany={true}
      withSince={(segment) => segment.watched}
    />
  );
};
