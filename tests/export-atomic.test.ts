import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';

/** Export to List is all members or nothing: a failure while freezing leaves no list behind. */
let t: TestStrapi;
let admin: AdminSession;

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  for (const email of ['a@x.io', 'b@x.io', 'c@x.io']) {
    await t.strapi.documents('api::contact.contact' as any).create({ data: { email, lifecycleStage: 'lead' } as any });
  }
});
afterAll(() => teardownStrapi());

const listCount = async () => Number(((await t.strapi.db.query('plugin::segments.list' as any).count()) as number) ?? 0);

it('rolls the new list back when inserting its members fails', async () => {
  const segments = t.strapi.plugin('segments').service('segments');
  const segment = await segments.create({ name: 'Leads', filters: { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'lead' }] } });

  // A real failure of the members INSERT: its table is briefly missing.
  const members = (t.strapi.db.metadata.get('plugin::segments.list' as any) as any).attributes.members.joinTable.name;
  // knex's `schema` is a new builder on every read: one per statement.
  const schema = () => t.strapi.db.connection.schema;
  await schema().renameTable(members, `${members}_away`);
  try {
    await expect(segments.exportToList(segment.documentId, { name: 'Broken' })).rejects.toThrow();
  } finally {
    await schema().renameTable(`${members}_away`, members);
  }
  expect(await listCount()).toBe(0);

  const res = await t.request.post(`/segments/segments/${segment.documentId}/export`).set(admin.headers).send({ name: 'Works' }).expect(201);
  expect(res.body.data).toMatchObject({ name: 'Works', memberCount: 3, segmentName: 'Leads' });
  expect(await listCount()).toBe(1);
});
