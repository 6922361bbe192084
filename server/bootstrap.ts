import type { Core } from '@strapi/strapi';
import { installSqliteFunctions } from './crm/sqlite-functions';

export default async function bootstrap({ strapi }: { strapi: Core.Strapi }) {
  await installSqliteFunctions(strapi);
}
