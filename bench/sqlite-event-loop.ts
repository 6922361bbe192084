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
    await knex.batchInsert('contacts', Array.from({ length: ROWS }, (_, i) => ({ email: `Person.${i}.Müller@Example-${i % 97}.com` })), 400);
    const tree = { combinator: 'or' as const, rules: Array.from({ length: 500 }, (_, i) => ({ field: 'email', operator: 'contains', value: `Ünmatched-${i}` })) };
    const model = { contact: { table: 'contacts', publishedOnly: false }, fields: { email: { kind: 'scalar' as const, type: 'string' as const, column: 'email' } } };
    const { predicate } = compileFilter(tree, { dialect: 'sqlite', model, now: new Date(), segments: () => undefined });
    const query = () => knex.raw(`SELECT COUNT(*) AS n FROM "contacts" AS "c" WHERE ${predicate.sql}`, predicate.bindings as any[]);
    // The few fields of Strapi that runBounded reads.
    const strapi = { db: { dialect: { client: 'sqlite' }, connection: knex } } as any;

    const measure = async (label: string, run: () => Promise<unknown>) => {
      // The longest gap between two turns of the event loop (a 1 ms timer, and the run's own end).
      let ticks = 0;
      let last = performance.now();
      let stall = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        stall = Math.max(stall, now - last);
        last = now;
        ticks += 1;
      }, 10);
      const started = performance.now();
      await run();
      const elapsed = performance.now() - started;
      stall = Math.max(stall, performance.now() - last);
      clearInterval(ticker);
       
      console.log(
        `${label.padEnd(34)} ${ROWS} contacts: count in ${elapsed.toFixed(0)} ms; event loop stalled at most ` +
          `${stall.toFixed(0)} ms; 10 ms timer fired ${ticks} times (${Math.floor(elapsed / 10)} expected)`
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
