/**
 * The bench's command line. Every option has a default, so `npm run bench` alone measures 100,000
 * contacts on the database named by DATABASE_CLIENT (SQLite when unset).
 */
import { dbClient, parseArgs, type DbClient } from '../../playground/scripts/cli';

export type { DbClient };

export interface BenchOptions {
  client: DbClient;
  contacts: number;
  /** the seeder's reference time: fixed, so runs on the three databases compare the same data */
  now: string;
  seed: number;
  /** timed runs per measurement, after `warmups` untimed ones */
  runs: number;
  warmups: number;
  /** tree ids to bench; undefined = all */
  trees?: string[];
  json: string;
  http: boolean;
  keep: boolean;
  /** create the plugin's recommended indexes after seeding (`--no-indexes`: measure without them) */
  indexes: boolean;
  /** print each tree's hand-written SQL and the plugin's, as they are checked */
  printSql: boolean;
  /**
   * A database an earlier `--keep` run seeded (its name, or the SQLite file): measured as it is, without
   * seeding it again, and kept. Only the trees are timed: Export to List, stream() and the watched
   * segment's refreshes write to it, so they are left out.
   */
  reuse?: string;
}

export const USAGE = `Usage: npm run bench -- [--contacts N] [--now ISO-8601] [--seed S] [--runs R] [--warmups W]
                        [--trees id,id] [--json out.json] [--no-http] [--no-indexes] [--keep] [--print-sql]
                        [--reuse <database kept by --keep>]
The database comes from DATABASE_CLIENT (sqlite | postgres | mysql; default sqlite). --now defaults
to today at 00:00 UTC (the data generated are the same all day).`;

export function parseOptions(argv: string[]): BenchOptions {
  const args = parseArgs(argv);
  const known = new Set([
    'contacts',
    'now',
    'seed',
    'runs',
    'warmups',
    'trees',
    'json',
    'no-http',
    'no-indexes',
    'keep',
    'print-sql',
    'reuse',
    'help',
  ]);
  for (const key of Object.keys(args)) if (!known.has(key)) throw new Error(`unknown option --${key}`);

  const whole = (name: string, fallback: number, min: number) => {
    const value = args[name] === undefined ? fallback : Number(args[name]);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} takes a whole number ≥ ${min}`);
    return value;
  };
  const client = dbClient();
  const contacts = whole('contacts', 100_000, 1);
  // The plugin evaluates relative dates at the real time, so data generated against an older `now`
  // ages: its scheduled campaigns count as sent, without any event, and "the last campaign" trees
  // match nobody. Today at midnight UTC: the same data for every run of the day, on every database.
  const now = typeof args.now === 'string' ? args.now : `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
  if (Number.isNaN(new Date(now).getTime())) throw new Error(`--now: "${now}" is not a date`);
  return {
    client,
    contacts,
    now: new Date(now).toISOString(),
    seed: whole('seed', 42, 0),
    runs: whole('runs', 15, 1),
    warmups: whole('warmups', 2, 0),
    trees:
      typeof args.trees === 'string'
        ? args.trees
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : undefined,
    json: typeof args.json === 'string' ? args.json : `bench/results/${client}-${contacts}${args['no-indexes'] ? '-no-indexes' : ''}.json`,
    http: !args['no-http'],
    indexes: !args['no-indexes'],
    keep: Boolean(args.keep),
    printSql: Boolean(args['print-sql']),
    reuse: reused(args.reuse),
  };
}

function reused(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new Error('--reuse takes the name of a database kept by --keep (the SQLite file on SQLite)');
  return value;
}

export const wantsHelp = (argv: string[]) => argv.includes('--help') || argv.includes('-h');
