import { useSegmentsApi } from '../api';
import { useFormat } from '../components/format';
import { MembersPage } from '../components/MembersPage';
import { useT } from '../i18n';
import { paths } from '../paths';

/** The frozen members of one static list, a page at a time. */
export const ListMembersPage = () => {
  const t = useT();
  const format = useFormat();
  const api = useSegmentsApi();
  return (
    <MembersPage
      load={api.list}
      loadMembers={api.listMembers}
      header={(list) => ({
        title: list.name,
        subtitle: t('listMembers.subtitle', {
          count: list.memberCount,
          date: format.date(list.frozenAt),
          segment: list.segment?.name ?? list.segmentName ?? t('listMembers.aSegment'),
        }),
        back: { to: paths.lists, label: t('lists.title') },
      })}
      empty={t('listMembers.empty')}
      withCompany={false}
    />
  );
};
