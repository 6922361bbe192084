/**
 * Numbers compared exactly (docs/semantics.md#numbers: "a decimal or a `biginteger` beyond 2^53 is
 * never read through a float"): Contact gets a biginteger and a decimal attribute at register
 * time (as the Content-Type Builder would add them) and every comparison is checked on values that
 * a double cannot tell apart: 9007199254740993 and 9007199254740992 are the same double.
 *
 * Decimals: Strapi makes a decimal column DECIMAL(10,2) on PostgreSQL and MySQL/MariaDB, so they
 * are compared exactly there; on SQLite Strapi stores them as REAL (an 8-byte float), so a value
 * with more digits than a double holds meets the stored float's rounding (docs/semantics.md#numbers).
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { CONTACT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;
const emails = new Map<string, string>();

const group = (...rules: unknown[]) => ({ combinator: 'and', rules });
const rule = (field: string, operator: string, value?: unknown) => ({ field, operator, value });
async function members(...rules: unknown[]): Promise<string[]> {
  const res = await t.request
    .post('/segments/preview')
    .set(admin.headers)
    .send({ filters: group(...rules), limit: 100 });
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.contacts.map((c: { email: string }) => emails.get(c.email)).sort();
}

beforeAll(async () => {
  t = await setupStrapi({
    afterRegister(strapi) {
      strapi.get('content-types').extend(CONTACT, (ct: any) => {
        ct.attributes.loyaltyPoints = { type: 'biginteger' };
        ct.attributes.balance = { type: 'decimal' };
      });
    },
  });
  admin = await createAdminAndLogin(t.strapi, t.request);
  const rows: Record<string, { loyaltyPoints: string | null; balance: string | null }> = {
    A: { loyaltyPoints: '9007199254740993', balance: '12345678.91' },
    B: { loyaltyPoints: '9007199254740992', balance: '12345678.90' },
    C: { loyaltyPoints: '-9007199254740993', balance: '-0.01' },
    D: { loyaltyPoints: '9223372036854775807', balance: '0.10' },
    E: { loyaltyPoints: null, balance: null },
  };
  for (const [key, data] of Object.entries(rows)) {
    const email = `${key.toLowerCase()}@big.test`;
    emails.set(email, key);
    await t.strapi.documents(CONTACT as any).create({ data: { email, firstName: key, ...data } as any });
  }
});
afterAll(() => teardownStrapi());

describe('biginteger beyond 2^53', () => {
  it('stores the values exactly (the premise of the tests below)', async () => {
    // Read in SQL: better-sqlite3 hands 64-bit integers to JavaScript as doubles.
    const meta = t.strapi.db.metadata.get(CONTACT) as any;
    const column = meta.attributes.loyaltyPoints.columnName;
    const row = await t.strapi.db.connection(meta.tableName).whereRaw(`?? > 9007199254740992`, [column]).count({ n: '*' }).first();
    expect(Number((row as any).n)).toBe(2);
  });

  it('compares =, != and in exactly', async () => {
    expect(await members(rule('loyaltyPoints', '=', '9007199254740993'))).toEqual(['A']);
    expect(await members(rule('loyaltyPoints', '=', '9007199254740992'))).toEqual(['B']);
    expect(await members(rule('loyaltyPoints', '!=', '9007199254740993'))).toEqual(['B', 'C', 'D', 'E']);
    expect(await members(rule('loyaltyPoints', 'in', ['9007199254740993', '9223372036854775807']))).toEqual(['A', 'D']);
    expect(await members(rule('loyaltyPoints', 'notIn', ['9007199254740992', '-9007199254740993']))).toEqual(['A', 'D', 'E']);
    expect(await members(rule('loyaltyPoints', '=', '-9007199254740993'))).toEqual(['C']);
  });

  it('compares <, <=, >, >= and between exactly', async () => {
    expect(await members(rule('loyaltyPoints', '>', '9007199254740992'))).toEqual(['A', 'D']);
    expect(await members(rule('loyaltyPoints', '>=', '9007199254740993'))).toEqual(['A', 'D']);
    expect(await members(rule('loyaltyPoints', '<', '9007199254740993'))).toEqual(['B', 'C']);
    expect(await members(rule('loyaltyPoints', '<=', '9007199254740992'))).toEqual(['B', 'C']);
    expect(await members(rule('loyaltyPoints', 'between', ['9007199254740993', '9223372036854775806']))).toEqual(['A']);
    expect(await members(rule('loyaltyPoints', 'notBetween', ['9007199254740993', '9223372036854775807']))).toEqual(['B', 'C', 'E']);
    // Beyond the column's range: compared as the number it is, not clipped.
    expect(await members(rule('loyaltyPoints', '<', '1' + '0'.repeat(40)))).toEqual(['A', 'B', 'C', 'D']);
    expect(await members(rule('loyaltyPoints', '>', '9223372036854775807.5'))).toEqual([]);
  });

  it('takes a JSON number for what it is: a double (send digits beyond 2^53 as a string)', async () => {
    // 9007199254740993 parses to the double 9007199254740992 before it reaches the plugin.
    expect(await members(rule('loyaltyPoints', '=', JSON.parse('9007199254740993')))).toEqual(['B']);
  });
});

describe('decimal', () => {
  it('compares two-digit decimals exactly on every database', async () => {
    expect(await members(rule('balance', '=', '12345678.91'))).toEqual(['A']);
    expect(await members(rule('balance', '=', 0.1))).toEqual(['D']);
    expect(await members(rule('balance', '>', '12345678.905'))).toEqual(['A']);
    expect(await members(rule('balance', 'in', ['12345678.90', '-0.01']))).toEqual(['B', 'C']);
    expect(await members(rule('balance', 'between', ['-0.01', '0.1']))).toEqual(['C', 'D']);
  });

  it('compares digits beyond a double exactly where the column is a DECIMAL', async () => {
    const tooPrecise = '12345678.910000000000000001';
    const exact = t.client !== 'sqlite';
    expect(await members(rule('balance', '=', tooPrecise))).toEqual(exact ? [] : ['A']);
    expect(await members(rule('balance', '<', tooPrecise))).toEqual(exact ? ['A', 'B', 'C', 'D'] : ['B', 'C', 'D']);
    expect(await members(rule('balance', 'in', [tooPrecise]))).toEqual(exact ? [] : ['A']);
  });
});
