/**
 * `npm run demo`: from a fresh clone (after `npm install`) to a running Strapi with the plugin and a
 * seeded CRM.
 *
 * 1. builds the plugin (dist/) when it is missing or older than its sources;
 * 2. builds the playground's admin panel (playground/build, served by `strapi start`) when it is missing
 *    or older than the plugin's admin sources (~50 s);
 * 3. loads the playground (SQLite at playground/.tmp/data.db unless DATABASE_* says otherwise), seeds
 *    DEMO_CONTACTS (default 5,000) contacts when the CRM is empty, and makes sure a super admin exists
 *    (DEMO_ADMIN_EMAIL / DEMO_ADMIN_PASSWORD, else admin@example.com with a generated password);
 *    on an app without segments, saves the example segments and list of ./demo-segments.ts with their counts;
 * 4. starts the server in this process and prints the admin URL and login once the panel answers.
 *
 * Options: --force-build (rebuild plugin and admin panel), --no-start (prepare everything, then exit),
 * --build-only (steps 1 and 2 only; the browser tests use it).
 * Ctrl-C stops the server.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { crmCounts, loadPlayground, seed, PLAYGROUND_DIR } from './seed/index';
import { ensureSuperAdmin, loginAdmin } from './admin-user';
import { ensureDemoSegments } from './demo-segments';

const ROOT = path.resolve(PLAYGROUND_DIR, '..');
const args = new Set(process.argv.slice(2));
const FORCE_BUILD = args.has('--force-build');
const NO_START = args.has('--no-start');
const BUILD_ONLY = args.has('--build-only');
const ADMIN_BUILD_CHILD = '--admin-build-child';

function step(message: string) {
  console.log(`\n\x1b[1m▸ ${message}\x1b[0m`);
}

/** Newest modification time under the given files/directories (0 when none exist). */
function newestMtime(paths: string[]): { time: number; file: string } {
  let newest = { time: 0, file: '' };
  const visit = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      if (path.basename(p) === 'node_modules') return;
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest.time) newest = { time: stat.mtimeMs, file: p };
  };
  paths.forEach(visit);
  return newest;
}

function oldestMtime(files: string[]): number {
  let oldest = Infinity;
  for (const f of files) {
    try {
      oldest = Math.min(oldest, fs.statSync(f).mtimeMs);
    } catch {
      return 0; // missing output
    }
  }
  return oldest === Infinity ? 0 : oldest;
}

function run(description: string, nodeArgs: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  const result = spawnSync(process.execPath, nodeArgs, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n${description} failed (exit code ${result.status ?? result.signal}).`);
    process.exit(1);
  }
  console.log(`  ${description} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function binOf(pkg: string, name: string): string {
  const pkgJson = require.resolve(`${pkg}/package.json`, { paths: [ROOT, PLAYGROUND_DIR] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  const bin = require(pkgJson).bin;
  return path.resolve(path.dirname(pkgJson), typeof bin === 'string' ? bin : bin[name]);
}

const r = (...p: string[]) => path.join(ROOT, ...p);

function buildPlugin() {
  const sources = newestMtime([
    r('server'),
    r('admin'),
    r('shared'),
    r('strapi-server.ts'),
    r('strapi-admin.tsx'),
    r('package.json'),
    r('tsconfig.json'),
  ]);
  const outputs = [r('dist/server/index.js'), r('dist/server/index.mjs'), r('dist/admin/index.js'), r('dist/admin/index.mjs')];
  const built = oldestMtime(outputs);
  if (!FORCE_BUILD && built >= sources.time) {
    step('Plugin build is up to date (dist/)');
    return;
  }
  step(built ? `Building the plugin (${path.relative(ROOT, sources.file)} changed)` : 'Building the plugin (no dist/ yet)');
  run('Plugin build', [binOf('@strapi/sdk-plugin', 'strapi-plugin'), 'build'], ROOT);
}

function buildAdminPanel() {
  // `strapi build` writes the panel to <distDir>/build, i.e. playground/build for this JavaScript app;
  // `strapi start` serves it from there (and falls back to Strapi's stock panel, without our plugin,
  // when it is missing).
  const index = path.join(PLAYGROUND_DIR, 'build', 'index.html');
  const sources = newestMtime([
    r('admin'),
    r('shared'),
    r('strapi-admin.tsx'),
    path.join(PLAYGROUND_DIR, 'src', 'admin'),
    path.join(PLAYGROUND_DIR, 'config', 'admin.js'),
    path.join(PLAYGROUND_DIR, 'config', 'server.js'),
    path.join(PLAYGROUND_DIR, 'config', 'plugins.js'),
    r('package-lock.json'),
  ]);
  const built = oldestMtime([index]);
  if (!FORCE_BUILD && built >= sources.time) {
    step('Admin panel build is up to date (playground/build)');
    return;
  }
  step(
    built
      ? `Building the admin panel (${path.relative(ROOT, sources.file)} changed; about a minute)`
      : 'Building the admin panel (first run; about a minute)',
  );
  // Not `strapi build`: its CLI looks for a tsconfig.json in the app directory *and its parents*, finds
  // the plugin's (repository root) one and then treats this JavaScript app as a TypeScript project
  // ("Compiling TS" fails with "No inputs were found"). Strapi's own build function, called without a
  // tsconfig, does the same build without that detour. In a child process (this script again): it
  // needs ~2 GB and creates its own Strapi instance.
  run('Admin panel build', [...process.execArgv, __filename, ADMIN_BUILD_CHILD], PLAYGROUND_DIR, { NODE_ENV: 'production' });
}

/** The child process of buildAdminPanel. */
async function adminBuildChild() {
  const dir = path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [PLAYGROUND_DIR] }));
  // Strapi's own build and logger, which its package does not export: required by path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  const { build } = require(path.join(dir, 'dist/src/node/build.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  const { createLogger } = require(path.join(dir, 'dist/src/cli/utils/logger.js'));
  await build({
    cwd: PLAYGROUND_DIR,
    logger: createLogger({ debug: false, silent: false, timestamp: false }),
    tsconfig: undefined,
    bundler: 'vite',
    minify: true,
    sourcemap: false,
    stats: false,
  });
}

function box(lines: string[]) {
  const width = Math.max(...lines.map((l) => [...l].length));
  const bar = '─'.repeat(width + 2);
  return [`┌${bar}┐`, ...lines.map((l) => `│ ${l}${' '.repeat(width - [...l].length)} │`), `└${bar}┘`].join('\n');
}

async function waitForPanel(url: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      const text = await res.text();
      if (res.ok && /<html/i.test(text)) return text;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The admin panel did not answer at ${url} (${last})`);
}

async function main() {
  const started = Date.now();
  buildPlugin();
  buildAdminPanel();
  if (BUILD_ONLY) return;

  step('Loading the playground');
  const strapi = await loadPlayground({ serveAdminPanel: true });

  const counts = await crmCounts(strapi);
  if (Object.values(counts).every((n) => n === 0)) {
    const contacts = Number(process.env.DEMO_CONTACTS || 5000);
    step(`Seeding the CRM with ${contacts.toLocaleString('en-US')} contacts`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- cli-progress ships no types
    const cliProgress = require('cli-progress');
    const bar = new cliProgress.SingleBar(
      { format: ' {bar} {percentage}% | {value}/{total} contacts | {rows} rows', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(contacts, 0, { rows: 0 });
    const summary = await seed(strapi, {
      contacts,
      onProgress: (p) => bar.update(p.contacts, { rows: p.rows.toLocaleString('en-US') }),
    }).finally(() => bar.stop());
    console.log(
      `  ${summary.contacts} contacts, ${summary.companies} companies, ${summary.deals} deals, ${summary.activities} activities, ` +
        `${summary.campaigns} campaigns, ${summary.emailEvents} email events, ${summary.tags} tags in ${(summary.durationMs / 1000).toFixed(1)} s`,
    );
  } else {
    step(`The CRM already holds ${counts.contact.toLocaleString('en-US')} contacts: not seeding (npm run seed -- --reset to start over)`);
  }

  const examples = await ensureDemoSegments(strapi);
  if (examples.created) {
    step("Saved example segments (the product page's prompts), with their counts");
    for (const s of examples.segments) console.log(`  ${s.count.toLocaleString('en-US').padStart(7)}  ${s.name}`);
    if (examples.list)
      console.log(`  and the static list "${examples.list.name}" (${examples.list.memberCount.toLocaleString('en-US')} members)`);
  } else {
    step('Segments exist already: no example segments added');
  }

  const admin = await ensureSuperAdmin(strapi, {
    email: process.env.DEMO_ADMIN_EMAIL || undefined,
    password: process.env.DEMO_ADMIN_PASSWORD || undefined,
  });
  step(
    admin.created
      ? `Created the super admin ${admin.email}`
      : admin.passwordReset
        ? `Set the password of ${admin.email} from DEMO_ADMIN_PASSWORD`
        : `Using the existing admin ${admin.email}`,
  );

  if (NO_START) {
    await strapi.destroy();
    if (admin.password) console.log(`\nAdmin login: ${admin.email} / ${admin.password}`);
    return;
  }

  step('Starting Strapi');
  await strapi.start();

  const adminUrl = String(strapi.config.get('admin.absoluteUrl') || `http://localhost:${strapi.config.get('server.port')}/admin`);
  const serverUrl = String(strapi.config.get('server.absoluteUrl') || new URL(adminUrl).origin);
  const html = await waitForPanel(adminUrl);
  if (!html.includes('<script')) console.warn('  warning: the admin page has no script tag; is playground/build complete?');
  if (admin.password) await loginAdmin(serverUrl, admin.email, admin.password); // fails loudly if not

  const lines = [
    'Segments demo is running',
    '',
    `Admin panel  ${adminUrl}`,
    `Email        ${admin.email}`,
    `Password     ${admin.password ?? '(unchanged: the one printed on the first run)'}`,
  ];
  if (!admin.password) lines.push('', 'Lost it? DEMO_ADMIN_PASSWORD=NewPassw0rd npm run demo sets a new one.');
  lines.push('', `Ready in ${Math.round((Date.now() - started) / 1000)} s. Ctrl-C stops the server.`);
  console.log(`\n${box(lines)}\n`);
}

(args.has(ADMIN_BUILD_CHILD) ? adminBuildChild().then(() => process.exit(0)) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
