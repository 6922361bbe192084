import { Flex, Tabs } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { PLUGIN_ID } from '../../shared/permissions';
import { useT, type MessageId } from '../i18n';

const SECTIONS: Array<{ value: string; path: string; label: MessageId }> = [
  { value: 'segments', path: '', label: 'segments.title' },
  { value: 'lists', path: 'lists', label: 'lists.title' },
];

/**
 * Switches between the plugin's two collections: live segments and static lists. The page's
 * content is the tab panel, so each tab controls an element that exists (axe: aria-valid-attr-value).
 */
export const SectionNav = ({ children }: { children: ReactNode }) => {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.includes(`/${PLUGIN_ID}/lists`) ? 'lists' : 'segments';
  return (
    <Tabs.Root
      value={current}
      onValueChange={(value: string) => navigate(`/plugins/${PLUGIN_ID}/${SECTIONS.find((s) => s.value === value)?.path ?? ''}`)}
    >
      <Flex paddingBottom={4}>
        <Tabs.List aria-label={t('nav.sections')}>
          {SECTIONS.map((s) => (
            <Tabs.Trigger key={s.value} value={s.value}>
              {t(s.label)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
      </Flex>
      <Tabs.Content value={current}>{children}</Tabs.Content>
    </Tabs.Root>
  );
};
