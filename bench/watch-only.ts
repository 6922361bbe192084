/**
 * The bench's watched-segment step alone (bench/segments/watch-refresh.ts), on a database already
 * seeded by `npm run bench -- --keep` (seeding a million contacts takes longer than measuring them):
 *
 *   DATABASE_CLIENT=postgres DATABASE_NAME=segments_bench_1234 npm run bench:watch
 *   DATABASE_FILENAME=/tmp/segments-bench-x/bench.db npm run bench:watch
 */
import { bootStrapi, buildPlugin } from './segments/boot';
import { watchLine } from './segments/report';
import { measureWatch } from './segments/watch-refresh';

async function main() {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client === 'sqlite' ? !process.env.DATABASE_FILENAME : !process.env.DATABASE_NAME) {
    throw new Error('DATABASE_NAME (PostgreSQL, MySQL) or DATABASE_FILENAME (SQLite) names the seeded database');
  }
  buildPlugin();
  const { strapi } = await bootStrapi(client);
  try {
    const result = await measureWatch(strapi);
    console.log(watchLine(result));
    console.log(JSON.stringify(result));
  } finally {
    await strapi.destroy();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
