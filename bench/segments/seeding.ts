/**
 * Fills the scratch database with the demo CRM (playground/scripts/seed) at a fixed `now` and seed,
 * with the seed CLI's progress bar, and measures the rate.
 */
import type { Core } from '@strapi/strapi';
import { seed, type SeedSummary } from '../../playground/scripts/seed/index';
import { CRM_TYPES, tableOf } from '../../playground/scripts/seed/crm';
import type { DbClient } from './options';

export interface SeedingResult {
  summary: SeedSummary;
  seconds: number;
  contactsPerSecond: number;
  rowsPerSecond: number;
  /** the statistics refresh after the load, timed apart from the seeding */
  analyzeMs: number;
}

export async function seedCrm(
  strapi: Core.Strapi,
  client: DbClient,
  options: { contacts: number; now: string; seed: number },
): Promise<SeedingResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- cli-progress ships no types
  const cliProgress = require('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      format: ' seeding {bar} {percentage}% | {value}/{total} contacts | {rows} rows | {duration_formatted} (ETA {eta_formatted})',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.contacts, 0, { rows: 0 });
  let summary: SeedSummary;
  try {
    summary = await seed(strapi, {
      contacts: options.contacts,
      seed: options.seed,
      now: options.now,
      onProgress: (p) => bar.update(p.contacts, { rows: p.rows.toLocaleString('en-US') }),
    });
  } finally {
    bar.stop();
  }
  const analyzeMs = await analyze(strapi, client);
  const seconds = summary.durationMs / 1000;
  return { summary, seconds, contactsPerSecond: summary.contacts / seconds, rowsPerSecond: summary.rows / seconds, analyzeMs };
}

/**
 * Fresh planner statistics: after a bulk load PostgreSQL has none until autovacuum passes, and
 * SQLite never gathers any by itself; without them the plans (and the bench) depend on timing.
 */
async function analyze(strapi: Core.Strapi, client: DbClient): Promise<number> {
  const started = performance.now();
  const knex = strapi.db.connection;
  if (client === 'mysql') {
    const tables = new Set<string>(CRM_TYPES.map((t) => tableOf(strapi, t)));
    for (const meta of (strapi.db.metadata as any).values()) {
      for (const attr of Object.values<any>(meta.attributes)) if (attr?.joinTable) tables.add(attr.joinTable.name);
    }
    await knex.raw(`ANALYZE TABLE ${[...tables].map((t) => `\`${t}\``).join(', ')}`);
  } else {
    await knex.raw('ANALYZE');
  }
  return performance.now() - started;
}
