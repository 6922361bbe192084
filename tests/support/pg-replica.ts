/**
 * A PostgreSQL primary and a streaming replica owned by one test file: initdb in a temp directory,
 * the primary on a free loopback port with `wal_level = replica`, `pg_basebackup -R -X stream` to the
 * replica on another free port. The machine's own PostgreSQL (5432) is not touched. `stop()` stops
 * both servers and removes the directory; call it in afterAll (it is also called when the start fails
 * midway).
 *
 * PostgreSQL refuses to run as root: as root (CI) the servers run as the `postgres` user (runuser).
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ReplicaPair {
  primary: { host: string; port: number };
  replica: { host: string; port: number };
  dir: string;
  /** Runs `sql` as postgres on the primary or the replica (database `postgres` unless told), the rows back. */
  query(on: 'primary' | 'replica', sql: string, database?: string): Promise<Record<string, any>[]>;
  /** Holds the replica's WAL replay until resume(): what the primary commits meanwhile is not visible there. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops the replica alone (the primary keeps running). */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** The newest PostgreSQL installed (Debian's layout: /usr/lib/postgresql/<version>/bin). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries under ${root} (apt-get install postgresql)`);
  return path.join(root, versions.sort((a, b) => Number(a) - Number(b)).at(-1)!, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const as = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]) : run(path.join(bin, program), args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-replica-'));
  fs.chmodSync(dir, 0o755);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const started: string[] = [];

  // A run that ends without afterAll (interrupted, or a hook that never returns) still stops the servers.
  const onExit = () => {
    for (const data of started.splice(0).reverse()) {
      const args = [path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
      try {
        if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'ignore' });
        else execFileSync(args[0], args.slice(1), { stdio: 'ignore' });
      } catch {
        // already stopped
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    process.off('exit', onExit);
    for (const data of started.splice(0).reverse())
      await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const query = async (on: 'primary' | 'replica', sql: string, database = 'postgres') => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- pg ships no types; loaded on PostgreSQL runs only
    const { Client } = require('pg');
    const client = new Client({ host: HOST, port: on === 'primary' ? primaryPort : replicaPort, user: 'postgres', database });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, any>[];
    } finally {
      await client.end();
    }
  };

  try {
    await as('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
    fs.appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        `listen_addresses = '${HOST}'`,
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'fsync = off',
        '',
      ].join('\n'),
    );
    fs.appendFileSync(path.join(primaryDir, 'pg_hba.conf'), `host replication all ${HOST}/32 trust\n`);
    await as('pg_ctl', ['-D', primaryDir, '-l', path.join(dir, 'primary.log'), '-w', 'start']);
    started.push(primaryDir);
    await as('pg_basebackup', ['-h', HOST, '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream']);
    const conf = path.join(replicaDir, 'postgresql.conf');
    fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace(`port = ${primaryPort}`, `port = ${replicaPort}`));
    await as('pg_ctl', ['-D', replicaDir, '-l', path.join(dir, 'replica.log'), '-w', 'start']);
    started.push(replicaDir);
    const [{ standby }] = await query('replica', 'SELECT pg_is_in_recovery() AS standby');
    if (!standby) throw new Error('the replica is not in recovery: it is not a standby');
  } catch (error) {
    const logs = ['primary.log', 'replica.log']
      .map((f) => path.join(dir, f))
      .filter((f) => fs.existsSync(f))
      .map((f) => `${path.basename(f)}:\n${fs.readFileSync(f, 'utf8').slice(-2000)}`)
      .join('\n');
    await stop();
    throw new Error(`could not start the PostgreSQL primary and replica: ${(error as Error).message}\n${logs}`, { cause: error });
  }

  const pair: ReplicaPair = {
    primary: { host: HOST, port: primaryPort },
    replica: { host: HOST, port: replicaPort },
    dir,
    query,
    async pause() {
      await query('replica', 'SELECT pg_wal_replay_pause()');
      // The request takes effect at the next record replayed; wait until replay has really stopped.
      for (let i = 0; i < 200; i++) {
        const [{ state }] = await query('replica', 'SELECT pg_get_wal_replay_pause_state() AS state');
        if (state === 'paused') return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the replica did not pause its replay');
    },
    async resume() {
      await query('replica', 'SELECT pg_wal_replay_resume()');
    },
    async caughtUp(timeoutMs = 30_000) {
      const [{ lsn }] = await query('primary', 'SELECT pg_current_wal_lsn()::text AS lsn');
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const [{ done }] = await query('replica', `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`);
        if (done) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the replica did not replay up to ${lsn} within ${timeoutMs} ms`);
    },
    async stopReplica() {
      started.splice(started.indexOf(replicaDir), 1);
      await as('pg_ctl', ['-D', replicaDir, '-m', 'immediate', '-w', 'stop']);
    },
    stop,
  };
  return pair;
}
