/** What the playground's command-line scripts (seed, bench) and the test harness share. */

export type DbClient = 'sqlite' | 'postgres' | 'mysql';

/** `--key value`, `--key=value` and bare `--flag` (true); anything else is refused. */
export function parseArgs(argv: string[]): Record<string, string | boolean> {
  const args: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [key, inline] = a.slice(2).split('=', 2);
    if (inline !== undefined) args[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args[key] = argv[++i];
    else args[key] = true;
  }
  return args;
}

/** The database the environment names (DATABASE_CLIENT, with the drivers' names accepted too). */
export function dbClient(): DbClient {
  const client = (process.env.DATABASE_CLIENT || 'sqlite').toLowerCase();
  if (client === 'sqlite' || client === 'postgres' || client === 'mysql') return client;
  if (client === 'better-sqlite3') return 'sqlite';
  if (client === 'pg' || client === 'postgresql') return 'postgres';
  if (client === 'mysql2' || client === 'mariadb') return 'mysql';
  throw new Error(`DATABASE_CLIENT must be sqlite, postgres or mysql (got "${process.env.DATABASE_CLIENT}")`);
}

/** The database server the environment names (DATABASE_HOST, _PORT, _USERNAME, _PASSWORD), with this machine's defaults. */
export function serverParams(client: 'postgres' | 'mysql') {
  return {
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || (client === 'postgres' ? 5432 : 3306)),
    user: process.env.DATABASE_USERNAME || (client === 'postgres' ? 'postgres' : 'root'),
    password: process.env.DATABASE_PASSWORD || '',
  };
}
