import { useRBAC } from '@strapi/strapi/admin';
import { useSegmentsApi } from '../api';
import { useFormat } from '../components/format';
import { MembersPage } from '../components/MembersPage';
import { RenameListButton } from '../components/RenameListButton';
import { useT } from '../i18n';
import { paths } from '../paths';
import { PERMISSIONS } from '../permissions';

/** The frozen members of one static list, a page at a time. */
export const ListMembersPage = () => {
  const t = useT();
  const format = useFormat();
  const api = useSegmentsApi();
  const { allowedActions } = useRBAC(PERMISSIONS);
  return (
    <MembersPage
      kind="lists"
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
      actions={(list, reload) =>
        allowedActions.canUpdate ? (
          <RenameListButton name={list.name} rename={(name) => api.renameList(list.documentId, name)} onRenamed={reload} />
        ) : null
      }
      empty={t('listMembers.empty')}
      withCompany={false}
    />
  );
};
