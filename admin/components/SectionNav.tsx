import { Flex, Tabs } from '@strapi/design-system';
import { useLocation, useNavigate } from 'react-router-dom';
import { PLUGIN_ID } from '../../shared/permissions';
import { useT, type MessageId } from '../i18n';

const SECTIONS: Array<{ value: string; label: MessageId }> = [
  { value: '', label: 'segments.title' },
  { value: 'lists', label: 'lists.title' },
];

/** Switches between the plugin's two collections: live segments and static lists. */
export const SectionNav = () => {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.includes(`/${PLUGIN_ID}/lists`) ? 'lists' : '';
  return (
    <Flex paddingBottom={4}>
      <Tabs.Root value={current} onValueChange={(value: string) => navigate(`/plugins/${PLUGIN_ID}/${value}`)}>
        <Tabs.List aria-label={t('nav.sections')}>
          {SECTIONS.map((s) => (
            <Tabs.Trigger key={s.value || 'segments'} value={s.value}>
              {t(s.label)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
      </Tabs.Root>
    </Flex>
  );
};
