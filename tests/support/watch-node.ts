/**
 * A second Strapi node for tests/api.watch-nodes.test.ts: boots the playground on the database the
 * parent's environment names (DATABASE_CLIENT, DATABASE_NAME or DATABASE_FILENAME), then takes
 * commands as JSON lines on stdin and answers as `@@ {json}` lines on stdout:
 *
 *   { "refresh": documentId, "pauseAt"?: step }  → { "paused": step } when it stops there (holding
 *                                                  its lock, inside its transaction), then
 *                                                  { "result": ... } or { "error": message }
 *   { "resume": true }                           → lets a paused refresh go on
 *
 * Run with `node -r esbuild-register tests/support/watch-node.ts`; the parent SIGKILLs it to test a
 * refresh killed midway.
 */
import path from 'node:path';
import readline from 'node:readline';

const say = (message: unknown) => process.stdout.write(`@@ ${JSON.stringify(message)}\n`);

async function main() {
  const appDir = path.resolve(__dirname, '..', '..', 'playground');
  process.chdir(appDir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- after the chdir: Strapi reads the working directory as it loads
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: appDir, autoReload: false, serveAdminPanel: false });
  await strapi.load();
  // No scheduled refresh beside the ones the parent asks for (see tests/helpers/strapi.ts).
  if (!strapi.config.get('server.cron.enabled', true)) strapi.cron.stop();
  const segments = strapi.plugin('segments').service('segments');
  let resume: (() => void) | undefined;
  say({ ready: true });

  for await (const line of readline.createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as { refresh?: string; pauseAt?: string; resume?: boolean; exit?: boolean };
    if (command.resume) resume?.();
    if (command.exit) break;
    if (command.refresh) {
      const progress = async (step: string) => {
        if (step !== command.pauseAt) return;
        say({ paused: step });
        await new Promise<void>((resolve) => (resume = resolve));
      };
      segments.refresh(command.refresh, { progress }).then(
        (result: unknown) => say({ result }),
        (error: Error) => say({ error: error.message }),
      );
    }
  }
  await strapi.destroy();
  process.exit(0);
}

main().catch((error) => {
  say({ error: (error as Error).stack });
  process.exit(1);
});
