/**
 * Demo data for the playground CRM (README, "Install in your own Strapi"): companies, contacts, deals, activities, campaigns,
 * email events and tags, realistic enough that every segment condition has something to find.
 *
 * `seed(strapi, options)` is the reusable part (tests and the demo call it on a loaded Strapi; the
 * CLI is ../seed.ts). It is deterministic: the same `seed`, `now`, `contacts` and `batchSize` give
 * the same rows (ids and documentIds included). Rows are generated and inserted in streaming batches
 * (a batch of contacts with all their related rows, one transaction per batch, bulk inserts chunked
 * under the bind-variable limits of SQLite / PostgreSQL / MySQL), so memory stays bounded whatever
 * the number of contacts. Ids are explicit and sequential; on PostgreSQL the id sequences are moved
 * past them afterwards.
 *
 *   vocabulary.ts  the words and odds the data is made of
 *   random.ts      the seeded PRNG and hashing that make it reproducible
 *   generate.ts    seed + now → rows (text.ts: how names become emails and domains)
 *   write.ts       rows → database
 *   crm.ts         the content types and where Strapi keeps them
 *
 * Import it as `…/scripts/seed/index`: `…/scripts/seed` resolves to the CLI file, seed.ts, first.
 */
import path from 'node:path';
import { CRM_TYPES, CRM_UIDS, tableOf, type CrmType, type Strapi } from './crm';
import { createContext, generateBatch, generateGlobals } from './generate';
import { Writer, analyzeTables, resetSequences } from './write';

export { CRM_UIDS, type CrmType } from './crm';

export interface SeedProgress {
  /** contacts written so far */
  contacts: number;
  /** contacts requested */
  total: number;
  /** rows written so far, all tables (link tables included) */
  rows: number;
}

export interface SeedOptions {
  /** number of contacts to create (companies, deals, activities, events scale with it) */
  contacts: number;
  /** PRNG seed, default 42 */
  seed?: number;
  /** the reference time every generated date is relative to; default: the current time */
  now?: Date | string | number;
  /** contacts per generated batch (and transaction), default 5000; part of the data's identity */
  batchSize?: number;
  /** delete every CRM row first; without it, seeding a non-empty CRM throws */
  reset?: boolean;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedSummary {
  contacts: number;
  companies: number;
  deals: number;
  activities: number;
  campaigns: number;
  emailEvents: number;
  tags: number;
  /** rows written in relation (join) tables */
  links: number;
  /** every row written, links included */
  rows: number;
  seed: number;
  /** ISO-8601 of the `now` the data was generated against */
  now: string;
  durationMs: number;
}

export class CrmNotEmptyError extends Error {
  constructor(public counts: Record<CrmType, number>) {
    super(
      `The CRM already holds data (${CRM_TYPES.filter((t) => counts[t] > 0)
        .map((t) => `${counts[t]} ${t}`)
        .join(', ')}); pass reset to delete it first.`,
    );
    this.name = 'CrmNotEmptyError';
  }
}

/** Row count of every CRM table. */
export async function crmCounts(strapi: Strapi): Promise<Record<CrmType, number>> {
  const out = {} as Record<CrmType, number>;
  for (const type of CRM_TYPES) {
    const row = (await strapi.db.getConnection(tableOf(strapi, type)).count({ n: '*' }).first()) as any;
    out[type] = Number(row?.n ?? 0);
  }
  return out;
}

/**
 * Deletes every CRM row, and every relation row pointing at one (e.g. static list members, which
 * would otherwise dangle).
 */
export async function resetCrm(strapi: Strapi): Promise<void> {
  const uids = new Set<string>(Object.values(CRM_UIDS));
  const joinTables = new Set<string>();
  for (const meta of (strapi.db.metadata as any).values()) {
    for (const attr of Object.values<any>(meta.attributes)) {
      if (attr?.joinTable && (uids.has(meta.uid) || uids.has(attr.target))) joinTables.add(attr.joinTable.name);
    }
  }
  const schema = strapi.db.getSchemaName();
  await strapi.db.connection.transaction(async (trx) => {
    const q = (table: string) => (schema ? trx(table).withSchema(schema) : trx(table));
    for (const table of joinTables) await q(table).del();
    for (const type of CRM_TYPES) await q(tableOf(strapi, type)).del();
  });
}

/** Generates and inserts the demo CRM. See the file comment. */
export async function seed(strapi: Strapi, options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const contacts = Math.floor(Number(options.contacts));
  if (!Number.isFinite(contacts) || contacts < 0) throw new Error('seed: contacts must be a number >= 0');
  const seedValue = Math.floor(Number(options.seed ?? 42));
  const batchSize = Math.max(1, Math.floor(Number(options.batchSize ?? 5000)));
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) throw new Error(`seed: invalid now ${String(options.now)}`);

  if (options.reset) await resetCrm(strapi);
  else {
    const counts = await crmCounts(strapi);
    if (CRM_TYPES.some((t) => counts[t] > 0)) throw new CrmNotEmptyError(counts);
  }

  const ctx = await createContext(strapi, seedValue, now.getTime());
  const writer = await new Writer(strapi).init();

  // Global rows first: tags and campaigns.
  const globals = generateGlobals(ctx);
  await writer.write(globals);
  options.onProgress?.({ contacts: 0, total: contacts, rows: writer.rows });

  let done = 0;
  for (let batch = 0; done < contacts; batch++) {
    const n = Math.min(batchSize, contacts - done);
    const tables = generateBatch(ctx, batch, n);
    await writer.write(tables);
    done += n;
    options.onProgress?.({ contacts: done, total: contacts, rows: writer.rows });
  }

  await resetSequences(strapi);
  await analyzeTables(strapi, writer.tables());

  return {
    contacts: writer.count(ctx.tables.contact),
    companies: writer.count(ctx.tables.company),
    deals: writer.count(ctx.tables.deal),
    activities: writer.count(ctx.tables.activity),
    campaigns: writer.count(ctx.tables.campaign),
    emailEvents: writer.count(ctx.tables.emailEvent),
    tags: writer.count(ctx.tables.tag),
    links: writer.rows - CRM_TYPES.reduce((sum, t) => sum + writer.count(ctx.tables[t]), 0),
    rows: writer.rows,
    seed: seedValue,
    now: now.toISOString(),
    durationMs: Date.now() - started,
  };
}

/** playground/: this file is playground/scripts/seed/index.ts. */
export const PLAYGROUND_DIR = path.resolve(__dirname, '..', '..');

/** Loads the playground app (database from the environment) without listening. */
export async function loadPlayground(options: { serveAdminPanel?: boolean } = {}): Promise<Strapi> {
  process.chdir(PLAYGROUND_DIR);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- after the chdir: Strapi reads the working directory as it loads
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({
    appDir: PLAYGROUND_DIR,
    distDir: PLAYGROUND_DIR,
    autoReload: false,
    serveAdminPanel: options.serveAdminPanel ?? false,
  });
  await app.load();
  return app as Strapi;
}
