import { CRM_UIDS, CrmNotEmptyError, crmCounts, resetCrm, seed } from '../playground/scripts/seed/index';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';

/** The demo seeder: deterministic, complete, and refusing to overwrite a CRM by accident. */
let t: TestStrapi;
beforeAll(async () => {
  t = await setupStrapi();
});
afterAll(() => teardownStrapi());

const NOW = '2026-06-15T12:00:00.000Z';

/** Every CRM row and every relation row touching the CRM, in id order. */
async function snapshot() {
  const knex = t.strapi.db.connection;
  const entities = new Set<string>();
  const links = new Set<string>();
  for (const uid of Object.values(CRM_UIDS)) {
    const meta = t.strapi.db.metadata.get(uid as any) as any;
    entities.add(meta.tableName);
    for (const attribute of Object.values<any>(meta.attributes)) if (attribute.joinTable) links.add(attribute.joinTable.name);
  }
  const out: Record<string, unknown[]> = {};
  for (const table of [...entities].sort()) out[table] = await knex(table).select('*').orderBy('id');
  // A join-table row's own id is the database's counter, which a reset does not rewind.
  for (const table of [...links].sort()) {
    out[table] = (await knex(table).select('*').orderBy('id')).map(({ id: _id, ...row }: Record<string, unknown>) => row);
  }
  return out;
}

const values = async (uid: string, attribute: string) => {
  const meta = t.strapi.db.metadata.get(uid as any) as any;
  const rows = await t.strapi.db.connection(meta.tableName).distinct(meta.attributes[attribute].columnName + ' as v');
  return rows.map((r: { v: unknown }) => r.v);
};

describe('seed', () => {
  let first: Awaited<ReturnType<typeof snapshot>>;

  it('creates every kind of record, covering every value the segment conditions care about', async () => {
    const progress: number[] = [];
    const summary = await seed(t.strapi, {
      contacts: 400,
      seed: 7,
      now: NOW,
      batchSize: 150,
      onProgress: (p) => progress.push(p.contacts),
    });
    expect(progress).toEqual([0, 150, 300, 400]);
    expect(summary).toMatchObject({ contacts: 400, seed: 7, now: NOW });
    const counts = await crmCounts(t.strapi);
    expect(counts.contact).toBe(400);
    for (const type of ['company', 'deal', 'activity', 'campaign', 'emailEvent', 'tag'] as const) expect(counts[type]).toBeGreaterThan(0);
    expect(counts.company).toBeGreaterThanOrEqual(40);
    expect(counts.company).toBeLessThanOrEqual(60);

    const all = (uid: string, attribute: string) => (t.strapi.contentTypes as any)[uid].attributes[attribute].enum;
    for (const [uid, attribute] of [
      [CRM_UIDS.contact, 'lifecycleStage'],
      [CRM_UIDS.contact, 'source'],
      [CRM_UIDS.company, 'industry'],
      [CRM_UIDS.company, 'tier'],
      [CRM_UIDS.company, 'revenueRange'],
      [CRM_UIDS.deal, 'stage'],
      [CRM_UIDS.activity, 'type'],
      [CRM_UIDS.emailEvent, 'type'],
    ]) {
      expect((await values(uid, attribute)).sort()).toEqual(expect.arrayContaining([...all(uid, attribute)].sort()));
    }
    const countries = await values(CRM_UIDS.company, 'country');
    expect(countries).toEqual(expect.arrayContaining(['Germany', 'France']));
    expect(countries.length).toBeGreaterThan(8);

    const contacts = await t.strapi.db.query(CRM_UIDS.contact as any).findMany({ populate: ['company', 'activities', 'deals'] });
    expect(contacts.some((c: any) => !c.company)).toBe(true);
    expect(contacts.some((c: any) => c.activities.length === 0)).toBe(true);
    expect(contacts.some((c: any) => c.deals.length > 1)).toBe(true);
    expect(contacts.some((c: any) => c.email && c.email !== c.email.toLowerCase())).toBe(true);
    // eslint-disable-next-line no-control-regex -- "not ASCII" is the range \x00-\x7f
    expect(contacts.some((c: any) => /[^\x00-\x7f]/.test(`${c.firstName}${c.lastName}`))).toBe(true);
    expect(contacts.some((c: any) => c.email === null || c.email === '' || c.jobTitle === null || c.jobTitle === '')).toBe(true);

    const sent = await t.strapi.db.query(CRM_UIDS.campaign as any).findMany({ where: { sentAt: { $lte: NOW } } });
    expect(sent.length).toBeGreaterThanOrEqual(10);
    first = await snapshot();
  });

  it('refuses to seed a CRM that holds data unless asked to reset it', async () => {
    await expect(seed(t.strapi, { contacts: 10, seed: 7, now: NOW })).rejects.toBeInstanceOf(CrmNotEmptyError);
    expect((await crmCounts(t.strapi)).contact).toBe(400);
  });

  it('is deterministic: the same seed and time give the same rows, another seed other rows', async () => {
    await seed(t.strapi, { contacts: 400, seed: 7, now: NOW, batchSize: 150, reset: true });
    expect(await snapshot()).toEqual(first);
    await seed(t.strapi, { contacts: 400, seed: 8, now: NOW, batchSize: 150, reset: true });
    expect(await snapshot()).not.toEqual(first);
  });

  it('leaves the ids usable: Strapi creates records after seeding', async () => {
    const created = await t.strapi.documents(CRM_UIDS.contact as any).create({ data: { email: 'after@seed.io' } as any });
    expect(created.documentId).toBeTruthy();
    await resetCrm(t.strapi);
    expect(Object.values(await crmCounts(t.strapi)).every((n) => n === 0)).toBe(true);
  });
});
