import type { Core } from '@strapi/strapi';
import { installSqliteFunctions } from './crm/sqlite-functions';
import { getService } from './utils/get-service';

export default async function bootstrap({ strapi }: { strapi: Core.Strapi }) {
  await installSqliteFunctions(strapi);
  // Introspect the catalog now, so that a field-name collision stops the boot instead of the first query.
  getService(strapi, 'audience').catalog();
  if (strapi.config.get('plugin::segments.createIndexes')) {
    const created = (await getService(strapi, 'audience').createIndexes()).filter((index) => index.created);
    for (const index of created) strapi.log.info(`[segments] created index ${index.name} on ${index.table}(${index.columns.join(', ')}) for ${index.serves.join(', ')}`);
  }
}
