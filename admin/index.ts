import { ACTIONS, PLUGIN_ID } from '../shared/permissions';
import { PluginIcon } from './components/PluginIcon';
import { messageId, prefixed } from './i18n';
import en from './translations/en.json';

/** Locales the plugin ships; Strapi falls back to English for the others. */
const TRANSLATIONS: Record<string, Record<string, string>> = { en };

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: messageId('plugin.name'), defaultMessage: en['plugin.name'] },
      Component: () => import('./pages/App'),
      permissions: [{ action: ACTIONS.read, subject: null }],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Segments' });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ locale, data: prefixed(TRANSLATIONS[locale] ?? {}) }));
  },
};
