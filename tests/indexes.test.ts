/**
 * The recommended indexes (server/crm/indexes.ts, README "Indexes to add"): derived from the CRM
 * mapping, detected under any name, created only when asked, once, and without changing an answer.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';

let t: TestStrapi;
const audience = () => t.strapi.plugin('segments').service('audience') as any;
const segments = () => t.strapi.plugin('segments').service('segments') as any;
const tableOf = (uid: string) => (t.strapi.db.metadata.get(uid as any) as any).tableName as string;
const columnOf = (uid: string, attribute: string) =>
  (t.strapi.db.metadata.get(uid as any) as any).attributes[attribute].columnName as string;
const shape = (indexes: Array<{ table: string; columns: string[]; present: boolean }>) =>
  indexes.map((i) => `${i.table}(${i.columns.join(',')})${i.present ? ' present' : ''}`).sort();

beforeAll(async () => {
  t = await setupStrapi();
});
afterAll(teardownStrapi);

it('lists the date columns the playground CRM needs, none of them there at first', async () => {
  const dated = (uid: string, ...attributes: string[]) => attributes.map((a) => `${tableOf(uid)}(${columnOf(uid, a)})`);
  const expected = [
    ...dated('api::activity.activity', 'occurredAt', 'createdAt'),
    ...dated('api::email-event.email-event', 'occurredAt', 'createdAt'),
    ...dated('api::deal.deal', 'closeDate', 'createdAt'),
    ...dated('api::tag.tag', 'createdAt'),
    ...dated('api::campaign.campaign', 'sentAt'),
  ];
  const indexes = await audience().indexes();
  for (const index of indexes) expect(index.serves.length).toBeGreaterThan(0);
  expect(shape(indexes)).toEqual(expected.sort());
  expect(indexes.filter((i: any) => i.present)).toEqual([]);
  expect(indexes.find((i: any) => i.table === tableOf('api::activity.activity') && i.columns[0] === 'occurred_at').serves.sort()).toEqual([
    'activities.occurredAt',
    'lastActivityAt',
  ]);
});

it('creates the missing ones once, counts one the host made under its own name, and answers the same', async () => {
  const tree = {
    combinator: 'and',
    rules: [
      {
        field: 'activities',
        operator: 'matches',
        value: { combinator: 'and', rules: [{ field: 'occurredAt', operator: '>', value: 'now-30d' }] },
        match: { mode: 'atLeast', threshold: 1 },
      },
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
