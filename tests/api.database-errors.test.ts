/**
 * A database error never reaches a client as a bare 500: it is logged and answered 503 (or 400 for a
 * statement too big for the database) with words. Provoked for real: a column the catalog still
 * lists is dropped behind Strapi's back, on each database.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { CONTACT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
});
afterAll(() => teardownStrapi());

it('answers a driver error with a logged 503 that says what happened', async () => {
  const filters = { combinator: 'and', rules: [{ field: 'jobTitle', operator: 'contains', value: 'engineer' }] };
  await t.request.post('/segments/preview').set(admin.headers).send({ filters }).expect(200);

  const meta = t.strapi.db.metadata.get(CONTACT as any) as any;
  const column = meta.attributes.jobTitle.columnName;
  await t.strapi.db.connection.schema.alterTable(meta.tableName, (table) => table.dropColumn(column));
  const logged: string[] = [];
  const log = jest.spyOn(t.strapi.log, 'error').mockImplementation(((message: string) => void logged.push(message)) as any);
  try {
    const res = await t.request.post('/segments/preview').set(admin.headers).send({ filters });
    expect(res.status).toBe(503);
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toMatch(
      /^the database could not answer \(.*job_title.*\); try again, and tell your administrator if it goes on$/i,
    );
    expect(logged.some((line) => line.startsWith('segments: POST /segments/preview answered 503:') && /job_title/i.test(line))).toBe(true);
  } finally {
    log.mockRestore();
  }
});
