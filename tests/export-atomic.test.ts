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

it('rolls the new list and its members back when the export fails after inserting them', async () => {
  const segments = t.strapi.plugin('segments').service('segments');
  const segment = await segments.create({
    name: 'Leads',
    filters: { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'lead' }] },
  });

  // The export fails after its members were inserted: recording the frozen count throws.
  const db = t.strapi.db as any;
  const query = db.query.bind(db);
  const spy = jest.spyOn(db, 'query').mockImplementation((uid: unknown) => {
    const q = query(uid);
    if (uid !== 'plugin::segments.list') return q;
    return {
      ...q,
      update: async (params: any) => {
        if (params?.data?.memberCount !== undefined) throw new Error('disk full');
        return q.update(params);
      },
    };
  });
  try {
    await expect(segments.exportToList(segment.documentId, { name: 'Broken' })).rejects.toThrow('disk full');
  } finally {
    spy.mockRestore();
  }
  const members = (t.strapi.db.metadata.get('plugin::segments.list' as any) as any).attributes.members.joinTable.name;
  const memberRows = await t.strapi.db.connection(members).count({ n: '*' }).first();
  expect(Number((memberRows as { n: number | string }).n)).toBe(0);
  expect(await listCount()).toBe(0);

  const res = await t.request
    .post(`/segments/segments/${segment.documentId}/export`)
    .set(admin.headers)
    .send({ name: 'Works' })
    .expect(201);
  expect(res.body.data).toMatchObject({ name: 'Works', memberCount: 3, segmentName: 'Leads' });
  expect(await listCount()).toBe(1);
});
