/**
 * How long a slow SQLite count blocks Node's event loop: on Strapi's own connection (better-sqlite3
 * is synchronous) against runBounded (server/crm/bounded.ts: a worker thread with its own read-only
 * connection). The count is a 500-rule `contains` tree over BENCH_ROWS contacts, compiled by the
 * engine as the plugin does; the event loop's longest stall is the longest gap between the turns
 * of a 10 ms timer.
 *
 *   node -r esbuild-register bench/sqlite-event-loop.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { compileFilter } from '../server/engine/compile';
import { SQLITE_LOWER } from '../server/engine/sql';
import { runBounded, stopBoundedWorkers } from '../server/crm/bounded';
import { longestStall } from './segments/event-loop-stall';

const ROWS = Number(process.env.BENCH_ROWS ?? 5000);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-bench-'));
  const filename = path.join(dir, 'bench.db');
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (db: any, done: () => void) => {
        db.function(SQLITE_LOWER, { deterministic: true }, (v: unknown) => (v == null ? null : String(v).toLowerCase()));
        done();
      },
    },
  });
  try {
    await knex.schema.createTable('contacts', (t) => {
      t.increments('id');
      t.string('email');
    });
    await knex.batchInsert(
      'contacts',
      Array.from({ length: ROWS }, (_, i) => ({ email: `Person.${i}.Müller@Example-${i % 97}.com` })),
      400,
    );
    const tree = {
      combinator: 'or' as const,
      rules: Array.from({ length: 500 }, (_, i) => ({ field: 'email', operator: 'contains', value: `Ünmatched-${i}` })),
    };
    const model = {
      contact: { table: 'contacts', documentIdColumn: 'document_id', createdAtColumn: 'created_at' },
      fields: { email: { kind: 'scalar' as const, type: 'string' as const, column: 'email' } },
    };
    const { predicate } = compileFilter(tree, { dialect: 'sqlite', model, now: new Date(), segments: () => undefined });
    const query = () => knex.raw(`SELECT COUNT(*) AS n FROM "contacts" AS "c" WHERE ${predicate.sql}`, predicate.bindings as any[]);
    // The few fields of Strapi that runBounded reads.
    const strapi = { db: { dialect: { client: 'sqlite' }, connection: knex } } as any;

    const measure = async (label: string, run: () => Promise<unknown>) => {
      const { ms, stallMs, ticks } = await longestStall(run);
      console.log(
        `${label.padEnd(34)} ${ROWS} contacts: count in ${ms.toFixed(0)} ms; event loop stalled at most ` +
          `${stallMs.toFixed(0)} ms; 10 ms timer fired ${ticks} times (${Math.floor(ms / 10)} expected)`,
      );
    };
    await query(); // warm-up (page cache)
    await measure('main thread (Strapi connection)', query);
    await runBounded(strapi, 60_000, query()); // warm-up (worker start)
    await measure('runBounded (worker thread)', () => runBounded(strapi, 60_000, query()));
    await stopBoundedWorkers(strapi);
  } finally {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
