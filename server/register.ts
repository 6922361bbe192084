import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS, ACTIONS, PLUGIN_ID } from '../shared/permissions';
import { pluginConfig } from './config/plugin-config';
import { checkCrmConfig } from './crm/config-check';

export default async function register({ strapi }: { strapi: Core.Strapi }) {
  const { crm, crmDefaulted } = pluginConfig(strapi);
  checkCrmConfig(strapi, crm, crmDefaulted);

  // Static lists point their members at the host's contact type, known only from the plugin
  // config: the relation's target is set here, before the database schema is built.
  strapi.get('content-types').extend(`plugin::${PLUGIN_ID}.list`, (contentType: any) => {
    contentType.attributes.members.target = crm.contact;
  });

  await strapi.service('admin::permission').actionProvider.registerMany(
    ACTION_DEFINITIONS.map(({ key, displayName }) => ({
      section: 'plugins',
      displayName,
      uid: ACTIONS[key].replace(`plugin::${PLUGIN_ID}.`, ''),
      pluginName: PLUGIN_ID,
    })),
  );
}
