import type { Core } from '@strapi/strapi';
import { pluginConfig } from './config/plugin-config';
import { openReadConnection } from './crm/read-connection';
import { installSqliteFunctions } from './crm/sqlite-functions';
import { cronRule } from './services/watch';
import { getService } from './utils/get-service';
import { registerWebhookEvents } from './watch/events';
import { ensureTables } from './watch/tables';

export const WATCH_CRON_TASK = 'segments-watch';

export default async function bootstrap({ strapi }: { strapi: Core.Strapi }) {
  await installSqliteFunctions(strapi);
  await openReadConnection(strapi);
  // Introspect the catalog now, so that a field-name collision stops the boot instead of the first query.
  getService(strapi, 'audience').catalog();
  if (pluginConfig(strapi).createIndexes) {
    const created = (await getService(strapi, 'audience').createIndexes()).filter((index) => index.created);
    for (const index of created)
      strapi.log.info(
        `[segments] created index ${index.name} on ${index.table}(${index.columns.join(', ')}) for ${index.serves.join(', ')}`,
      );
  }
  await ensureTables(strapi);
  registerWebhookEvents(strapi);
  scheduleRefreshes(strapi);
}

/** Every node schedules the refreshes; the database lock and each segment's due time keep them from doubling. */
function scheduleRefreshes(strapi: Core.Strapi) {
  let running = false;
  strapi.cron.add({
    [WATCH_CRON_TASK]: {
      options: { rule: cronRule(getService(strapi, 'watch').config().intervalSeconds) },
      task: async () => {
        if (running) return;
        running = true;
        try {
          await getService(strapi, 'watch').tick();
        } catch (error) {
          strapi.log.error(`[segments] scheduled refresh failed: ${(error as Error).message}`);
        } finally {
          running = false;
        }
      },
    },
  });
}
