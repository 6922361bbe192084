import { screen } from '@testing-library/react';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useT } from './i18n';
import { renderWithProviders } from './test/render';
import en from './translations/en.json';

/** Every message id the panel's source names has English text (typecheck says so too; this names the missing ones). */
it('has English text for every message id used in the admin source', () => {
  const root = path.resolve(__dirname);
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    // Cached files deleted in the work tree (not yet committed) are listed too: skip them.
    .filter((f) => f && !f.endsWith('.test.tsx') && !f.endsWith('.test.ts') && fs.existsSync(path.join(root, f)));
  const used = new Set<string>();
  for (const file of files) {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    // t('id'), t("id"), messageId('id') and `id: 'x'` in message descriptors built for t
    for (const m of source.matchAll(/\b(?:t|messageId)\(\s*['"]([\w.-]+)['"]/g)) used.add(m[1]);
  }
  expect(used.size).toBeGreaterThan(0);
  const missing = [...used].filter((id) => !(id in en));
  expect(missing).toEqual([]);
});

it('formats through react-intl with the plugin prefix', () => {
  const Probe = () => <span>{useT()('plugin.name')}</span>;
  renderWithProviders(<Probe />);
  expect(screen.getByText('Segments')).toBeInTheDocument();
});
