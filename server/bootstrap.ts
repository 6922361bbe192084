import type { Core } from '@strapi/strapi';
import { installSqliteFunctions } from './crm/sqlite-functions';
import { getService } from './utils/get-service';

export default async function bootstrap({ strapi }: { strapi: Core.Strapi }) {
  await installSqliteFunctions(strapi);
  // Introspect the catalog now, so that a field-name collision stops the boot instead of the first query.
  getService(strapi, 'audience').catalog();
}
