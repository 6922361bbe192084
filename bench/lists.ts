/**
 * Listed values bound as ONE parameter (SqlDialect.list: a PostgreSQL array, SQLite json_each,
 * MySQL/MariaDB JSON_TABLE) against plain `IN (?, ?, ...)`, on the three databases.
 *
 *   node -r esbuild-register bench/lists.ts            # SQLite (in memory), PostgreSQL, MariaDB
 *   BENCH_DATABASES=sqlite node -r esbuild-register bench/lists.ts
 *
 * On MySQL/MariaDB a text list is one placeholder a value either way (SqlDialect.list says why), so
 * its two text columns measure the same SQL.
 * PostgreSQL and MySQL/MariaDB at 127.0.0.1 (DATABASE_USERNAME / DATABASE_PASSWORD as for the
 * tests); each run creates and drops its own scratch database. Prints the median of 5 runs.
 */
import knexFactory, { type Knex } from 'knex';
import { SqlDialect } from '../server/engine/sql';
import type { Dialect } from '../server/engine/types';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SIZES = [10, 100, 1000, 4900];
const RUNS = 5;
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres,mysql').split(',');
const SCRATCH = `segments_bench_${process.pid}`;

async function open(db: string): Promise<{ knex: Knex; dialect: Dialect; close: () => Promise<void> }> {
  const user = process.env.DATABASE_USERNAME;
  const password = process.env.DATABASE_PASSWORD ?? '';
  if (db === 'sqlite') {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
    return { knex, dialect: 'sqlite', close: () => knex.destroy() };
  }
  const client = db === 'postgres' ? 'pg' : 'mysql2';
  const base = { host: '127.0.0.1', user: user ?? (db === 'postgres' ? 'postgres' : 'root'), password };
  const admin = knexFactory({ client, connection: { ...base, database: db === 'postgres' ? 'postgres' : undefined } as any });
  await admin.raw(`CREATE DATABASE ${SCRATCH}`);
  const knex = knexFactory({ client, connection: { ...base, database: SCRATCH } as any, pool: { min: 1, max: 1 } });
  return {
    knex,
    dialect: db === 'postgres' ? 'postgres' : 'mysql',
    close: async () => {
      await knex.destroy();
      await admin.raw(db === 'postgres' ? `DROP DATABASE ${SCRATCH} WITH (FORCE)` : `DROP DATABASE ${SCRATCH}`);
      await admin.destroy();
    },
  };
}

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function main() {
  for (const db of DATABASES) {
    const { knex, dialect, close } = await open(db);
    try {
      const sql = new SqlDialect({ dialect });
      await knex.schema.createTable('contacts', (t) => {
        t.increments('id');
        t.integer('score');
        t.string('email');
      });
      const rows = Array.from({ length: ROWS }, (_, i) => ({ score: i, email: `p${i}@example.com` }));
      await knex.batchInsert('contacts', rows, 400);
      if (dialect !== 'sqlite') await knex.raw(dialect === 'postgres' ? 'ANALYZE contacts' : 'ANALYZE TABLE contacts');
      const email = sql.id('email');
      const score = sql.id('score');
      for (const size of SIZES) {
        // Half the values match a row.
        const numbers = Array.from({ length: size }, (_, i) => String(i % 2 === 0 ? i * 7 : ROWS + i));
        const texts = numbers.map((n) => `p${n}@example.com`);
        const count = (where: string, bindings: unknown[]) =>
          knex.raw(`SELECT COUNT(*) AS n FROM contacts WHERE ${where}`, bindings as any[]);
        const oneNumber = sql.list(score, numbers, 'number');
        const oneText = sql.list(email, texts, 'text');
        const results = {
          'numbers IN (?, ...)': await median(() => count(`${score} IN (${numbers.map(() => sql.number('1')).join(', ')})`, numbers)),
          'numbers one parameter': await median(() => count(oneNumber.sql, oneNumber.bindings)),
          'text IN (?, ...)': await median(() => count(`${sql.exact(email)} IN (${texts.map(() => sql.exact('?')).join(', ')})`, texts)),
          'text one parameter': await median(() => count(oneText.sql, oneText.bindings)),
        };

        console.log(
          `${db.padEnd(8)} ${String(ROWS).padStart(7)} rows, ${String(size).padStart(4)} values: ` +
            Object.entries(results)
              .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
              .join(' | '),
        );
      }
    } finally {
      await close();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
