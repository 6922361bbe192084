/**
 * `npm run develop`: the playground in Strapi's development mode, with the plugin rebuilt on change.
 *
 * - `strapi-plugin watch` rebuilds the plugin's dist/ whenever server/, admin/ or shared/ change;
 *   Strapi starts once its first build is written.
 * - The admin panel is served by Strapi's Vite dev server (admin hot reload): it imports the plugin's
 *   dist/admin, so a rebuilt admin bundle reloads the page.
 * - A rebuilt dist/server restarts the Strapi server process (Strapi itself only watches the app
 *   directory, which does not hold the plugin); so do changes in playground/config and playground/src.
 *
 * Not `strapi develop` inside playground/: its CLI looks for a tsconfig.json in the app directory
 * and then in every parent (TypeScript's findConfigFile), finds the plugin's one at the repository
 * root and treats this JavaScript app as a TypeScript project, whose compile step finds none of the
 * root tsconfig's inputs under playground/ ("No inputs were found"). Strapi's own develop function,
 * called here without a tsconfig, runs the app as the JavaScript app it is.
 *
 * Database and secrets as for the demo (playground/.env or DATABASE_*); the CRM is not seeded here:
 * `npm run demo -- --no-start` (or `npm run seed`) prepares one. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';

const PLAYGROUND_DIR = path.resolve(__dirname, '..');
const ROOT = path.resolve(PLAYGROUND_DIR, '..');
const SERVER_BUILD = path.join(ROOT, 'dist', 'server');
// strapi-plugin watch empties dist/server before writing it: restart only once it has been quiet.
const QUIET_MS = 600;
const FIRST_BUILD_TIMEOUT_MS = 180_000;

function strapiModule(relative: string) {
  const dir = path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [PLAYGROUND_DIR] }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Strapi's unexported modules, by path
  return require(path.join(dir, relative));
}

/** Starts `strapi-plugin watch`; resolves once its first admin and server bundles are written. */
function watchPlugin(): Promise<ChildProcess> {
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'strapi-plugin'), ['watch'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const built = new Set<string>();
    const timer = setTimeout(
      () => reject(new Error('strapi-plugin watch did not finish its first build in 3 minutes')),
      FIRST_BUILD_TIMEOUT_MS,
    );
    const onOutput = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        process.stdout.write(`[plugin] ${line}\n`);
        // eslint-disable-next-line no-control-regex -- the watcher colours its lines with ANSI escapes
        const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
        const done = /\b(admin|server) rebuilt in/.exec(plain);
        if (done) built.add(done[1]);
        if (/Error building/.test(plain) && built.size < 2) {
          clearTimeout(timer);
          reject(new Error(`the plugin does not build: ${plain}`));
        }
      }
      if (built.size === 2) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`strapi-plugin watch exited (${code})`));
    });
  });
}

/** Restarts the Strapi worker when the plugin's server bundle changes. */
function restartOnServerBuild() {
  let timer: NodeJS.Timeout | undefined;
  const watcher = fs.watch(path.dirname(SERVER_BUILD), { recursive: true }, (_event, file) => {
    if (!file || !String(file).startsWith('server')) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!fs.existsSync(path.join(SERVER_BUILD, 'index.js'))) return;
      console.log('[plugin] server bundle rebuilt: restarting Strapi');
      // Strapi's worker answers "kill" by shutting down and saying "killed"; Strapi's primary then
      // forks a new worker, which loads the new bundle.
      for (const worker of Object.values(cluster.workers ?? {})) worker?.send('kill');
    }, QUIET_MS);
  });
  // dist/ deleted under us (e.g. rm -rf dist): keep serving, say why changes stop restarting Strapi.
  watcher.on('error', (error) => console.error(`[plugin] no longer watching dist/ (${error.message}); restart npm run develop`));
}

async function main() {
  process.chdir(PLAYGROUND_DIR);
  if (cluster.isPrimary) {
    const watcher = await watchPlugin();
    const stop = () => {
      watcher.kill('SIGTERM');
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('exit', () => watcher.kill('SIGTERM'));
    restartOnServerBuild();
  }
  // Runs in the primary (which forks) and again in each worker this script becomes (cluster.fork
  // re-runs it with the same -r esbuild-register), where it loads and serves Strapi.
  const { develop } = strapiModule('dist/src/node/develop.js');
  const { createLogger } = strapiModule('dist/src/cli/utils/logger.js');
  await develop({
    cwd: PLAYGROUND_DIR,
    logger: createLogger({ debug: false, silent: false, timestamp: false }),
    tsconfig: undefined,
    polling: false,
    watchAdmin: true,
    buildAdmin: true,
    installDeps: false,
    bundler: 'vite',
    open: false,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
