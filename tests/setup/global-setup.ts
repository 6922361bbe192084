/**
 * Jest globalSetup: build the plugin once per run, so every integration test boots the current source.
 * The playground loads the plugin from the repository root's `dist/` (playground/config/plugins.js);
 * a stale or missing build would make Strapi load an old or an empty plugin without any error.
 * Databases are created per test file by tests/helpers/strapi.ts, not here.
 *
 * SEGMENTS_SKIP_BUILD=1 skips the build (e.g. when a watcher is already rebuilding dist/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export default async function globalSetup(): Promise<void> {
  if (process.env.SEGMENTS_SKIP_BUILD === '1' || process.env.SEGMENTS_SKIP_BUILD === 'true') return;

  const bin = path.join(ROOT, 'node_modules', '.bin', 'strapi-plugin');
  const started = Date.now();
  const result = spawnSync(bin, ['build'], { cwd: ROOT, encoding: 'utf8', env: process.env });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    throw new Error(`global-setup: \`strapi-plugin build\` failed (exit ${result.status ?? result.error?.message}):\n${output}`);
  }
  const entry = path.join(ROOT, 'dist', 'server', 'index.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`global-setup: the plugin build did not produce ${entry}`);
  }
  if (process.env.CI || process.env.SEGMENTS_TEST_VERBOSE) {
    process.stdout.write(`\nglobal-setup: plugin built in ${Date.now() - started} ms\n`);
  }
}
