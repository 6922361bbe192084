import { dbClient, setupStrapi, teardownStrapi } from './helpers/strapi';

/**
 * `readConnection` stops the boot when it cannot serve: on SQLite, which has no replica, and on
 * PostgreSQL/MySQL when the replica does not answer (port 1 on loopback refuses). Reads on a working
 * replica: tests/api.replica.test.ts (PostgreSQL run).
 */
afterEach(() => teardownStrapi());

it('stops the boot with what is wrong', async () => {
  const boot = setupStrapi({ env: { SEGMENTS_READ_CONNECTION: JSON.stringify({ host: '127.0.0.1', port: 1 }) } });
  if (dbClient() === 'sqlite')
    await expect(boot).rejects.toThrow(/readConnection needs PostgreSQL or MySQL\/MariaDB; SQLite has a single file/);
  else await expect(boot).rejects.toThrow(/readConnection \(127\.0\.0\.1:1\) does not answer: .*ECONNREFUSED/);
});
