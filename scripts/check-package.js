#!/usr/bin/env node
/**
 * Checks that the package npm would publish holds every file its `exports` point to, and lists
 * what it holds. Run after `npm run build` (CI does); `npm pack` runs the build itself (prepack).
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
const files = new Set(packed.files.map((f) => f.path));

/** Every path an export resolves to, except `source` (the TypeScript entry only the plugin SDK reads). */
const targets = (entry) =>
  typeof entry === 'string' ? [entry] : Object.entries(entry).flatMap(([condition, v]) => (condition === 'source' ? [] : targets(v)));

const missing = [];
for (const [subpath, entry] of Object.entries(pkg.exports)) {
  for (const target of targets(entry)) {
    const file = target.replace(/^\.\//, '');
    if (!files.has(file)) missing.push(`${subpath} → ${target}`);
  }
}

console.log(`${packed.filename}: ${packed.files.length} files, ${packed.size} bytes packed`);
for (const f of packed.files) console.log(`  ${String(f.size).padStart(8)}  ${f.path}`);
if (missing.length > 0) {
  console.error(`\nThe package misses what its exports point to (run npm run build first):\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log('\nEvery export is in the package.');
