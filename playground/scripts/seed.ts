/**
 * The seeder's command line: fills the playground's database (chosen by the environment, like the
 * app itself) with the demo CRM. The seeder is ./seed/ (`seed()` in ./seed/index.ts).
 *
 *   npm run seed -- --contacts 5000 [--seed 42] [--reset] [--now 2025-06-01T12:00:00Z] [--batch-size 5000]
 */
import { parseArgs } from './cli';
import { CRM_TYPES } from './seed/crm';
import { CrmNotEmptyError, crmCounts, loadPlayground, seed, type SeedSummary } from './seed/index';

function usage() {
  return 'Usage: npm run seed -- --contacts N [--seed S] [--reset] [--now ISO-8601] [--batch-size B]';
}

async function main() {
  let args: Record<string, string | boolean>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage()}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(usage());
    return;
  }
  const contacts = Number(args.contacts ?? 5000);
  const seedValue = Number(args.seed ?? 42);
  if (!Number.isInteger(contacts) || contacts < 0 || !Number.isInteger(seedValue)) {
    console.error(usage());
    process.exit(2);
  }
  const batchSize = args['batch-size'] === undefined ? undefined : Number(args['batch-size']);
  const now = typeof args.now === 'string' ? args.now : undefined;

  const strapi = await loadPlayground();
  let exitCode = 0;
  try {
    const counts = await crmCounts(strapi);
    if (!args.reset && CRM_TYPES.some((t) => counts[t] > 0)) {
      console.error(`${new CrmNotEmptyError(counts).message.replace('pass reset', 'run with --reset')}`);
      exitCode = 1;
      return;
    }
    const client = strapi.db.dialect.client;
    const where =
      client === 'sqlite'
        ? (strapi.config.get('database.connection.connection.filename') as string)
        : `${client} ${strapi.config.get('database.connection.connection.database')}`;
    console.log(
      `Seeding ${contacts.toLocaleString('en-US')} contacts (seed ${seedValue}) into ${where}${args.reset ? ', after deleting the CRM rows' : ''}`,
    );

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- cli-progress ships no types
    const cliProgress = require('cli-progress');
    const bar = new cliProgress.SingleBar(
      {
        format: ' {bar} {percentage}% | {value}/{total} contacts | {rows} rows | {duration_formatted} (ETA {eta_formatted})',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(contacts, 0, { rows: 0 });
    let summary: SeedSummary;
    try {
      summary = await seed(strapi, {
        contacts,
        seed: seedValue,
        now,
        batchSize,
        reset: Boolean(args.reset),
        onProgress: (p) => bar.update(p.contacts, { rows: p.rows.toLocaleString('en-US') }),
      });
    } finally {
      bar.stop();
    }
    const fmt = (n: number) => n.toLocaleString('en-US').padStart(12);
    console.log(
      [
        `Created in ${(summary.durationMs / 1000).toFixed(1)} s (now = ${summary.now}):`,
        `  contacts    ${fmt(summary.contacts)}`,
        `  companies   ${fmt(summary.companies)}`,
        `  deals       ${fmt(summary.deals)}`,
        `  activities  ${fmt(summary.activities)}`,
        `  campaigns   ${fmt(summary.campaigns)}`,
        `  emailEvents ${fmt(summary.emailEvents)}`,
        `  tags        ${fmt(summary.tags)}`,
        `  links       ${fmt(summary.links)}`,
        `  total rows  ${fmt(summary.rows)}`,
      ].join('\n'),
    );
  } catch (e) {
    console.error(e);
    exitCode = 1;
  } finally {
    await strapi.destroy();
    process.exit(exitCode);
  }
}

if (require.main === module) {
  main();
}
