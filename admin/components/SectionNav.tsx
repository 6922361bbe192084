import { Flex, Tabs } from '@strapi/design-system';
import { useLocation, useNavigate } from 'react-router-dom';
import { PLUGIN_ID } from '../../shared/permissions';

const SECTIONS = [
  { value: '', label: 'Segments' },
  { value: 'lists', label: 'Lists' },
];

/** Switches between the plugin's two collections: live segments and static lists. */
export const SectionNav = () => {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.includes(`/${PLUGIN_ID}/lists`) ? 'lists' : '';
  return (
    <Flex paddingBottom={4}>
      <Tabs.Root value={current} onValueChange={(value: string) => navigate(`/plugins/${PLUGIN_ID}/${value}`)}>
        <Tabs.List aria-label="Segments and lists">
          {SECTIONS.map((s) => (
            <Tabs.Trigger key={s.value || 'segments'} value={s.value}>
              {s.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
      </Tabs.Root>
    </Flex>
  );
};
