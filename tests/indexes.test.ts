/**
 * The recommended indexes (server/crm/indexes.ts, README "Indexes to add"): derived from the CRM
 * mapping, detected under any name, created only when asked, once, and without changing an answer.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';

let t: TestStrapi;
const audience = () => t.strapi.plugin('segments').service('audience') as any;
const segments = () => t.strapi.plugin('segments').service('segments') as any;
const tableOf = (uid: string) => (t.strapi.db.metadata.get(uid as any) as any).tableName as string;
const columnOf = (uid: string, attribute: string) => (t.strapi.db.metadata.get(uid as any) as any).attributes[attribute].columnName as string;
const shape = (indexes: Array<{ table: string; columns: string[]; present: boolean }>) =>
  indexes.map((i) => `${i.table}(${i.columns.join(',')})${i.present ? ' present' : ''}`).sort();

beforeAll(async () => {
  t = await setupStrapi();
});
afterAll(teardownStrapi);

it('lists the date, type and order columns the playground CRM needs, none of them there at first', async () => {
  const expected = [
    `${tableOf('api::contact.contact')}(created_at,id)`,
    `${tableOf('api::activity.activity')}(${columnOf('api::activity.activity', 'occurredAt')})`,
    `${tableOf('api::email-event.email-event')}(${columnOf('api::email-event.email-event', 'type')})`,
    `${tableOf('api::campaign.campaign')}(${columnOf('api::campaign.campaign', 'sentAt')})`,
    `${tableOf('api::deal.deal')}(${columnOf('api::deal.deal', 'closeDate')})`,
  ];
  const indexes = await audience().indexes();
  for (const index of indexes) expect(index.serves.length).toBeGreaterThan(0);
  expect(shape(indexes)).toEqual(expect.arrayContaining(expected.sort()));
  expect(indexes.filter((i: any) => i.present)).toEqual([]);
});

it('creates the missing ones once, counts one the host made under its own name, and answers the same', async () => {
  const tree = {
    combinator: 'and',
    rules: [
      { field: 'activities', operator: 'matches', value: { combinator: 'and', rules: [{ field: 'occurredAt', operator: '>', value: 'now-30d' }] }, match: { mode: 'atLeast', threshold: 1 } },
      { field: 'lastActivityAt', operator: '<', value: 'now-1d' },
    ],
  };
  const before = await segments().count(tree);

  const deals = tableOf('api::deal.deal');
  const closeDate = columnOf('api::deal.deal', 'closeDate');
  await t.strapi.db.connection.schema.alterTable(deals, (table) => {
    table.index([closeDate], 'host_own_deals_close');
  });

  const created = await audience().createIndexes();
  expect(created.find((i: any) => i.table === deals && i.columns[0] === closeDate)).toMatchObject({ created: false, present: true });
  expect(created.filter((i: any) => i.created).length).toBe(created.length - 1);
  expect((await audience().indexes()).every((i: any) => i.present)).toBe(true);
  expect((await audience().createIndexes()).filter((i: any) => i.created)).toEqual([]);
  expect(await segments().count(tree)).toBe(before);
});
