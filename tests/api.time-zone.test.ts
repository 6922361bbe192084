/**
 * The plugin config's `timeZone` (docs/semantics.md §3): booted with America/New_York, date math's days
 * and periods start at New York's midnight, so `createdAt >= now/d` and `closeDate = now` count the
 * contacts of New York's today; set back to UTC, the same trees count UTC's today. The expected counts
 * come from the fixture's instants and a day boundary found here by bisection over
 * `toLocaleDateString`, not from the plugin's date module. An unknown zone stops the boot.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { createCrmFixture, makeClock } from './support/crm-fixture';

const ZONE = 'America/New_York';
const SECOND = 1_000;
const DAY = 86_400_000;

/** The zone's calendar day of an instant, YYYY-MM-DD. */
const dayIn = (ms: number, zone: string) => new Date(ms).toLocaleDateString('en-CA', { timeZone: zone });

/** The first instant of the zone's day holding `ms`, by bisection. */
function startOfDay(ms: number, zone: string): number {
  const today = dayIn(ms, zone);
  let [low, high] = [ms - 2 * DAY, ms];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (dayIn(mid, zone) < today) low = mid;
    else high = mid;
  }
  return high;
}

let t: TestStrapi;
let admin: AdminSession;
const created = new Map<string, number>();
const closing = new Map<string, string>();

async function count(filters: object): Promise<number> {
  const res = await t.request.post('/segments/preview').set(admin.headers).send({ filters, limit: 1 });
  expect(res.status).toBe(200);
  return res.body.count;
}

const sinceStartOfToday = { combinator: 'and', rules: [{ field: 'createdAt', operator: '>=', value: 'now/d' }] };
const closingToday = {
  combinator: 'and',
  rules: [
    {
      field: 'deals',
      operator: 'matches',
      match: { mode: 'some' },
      value: { combinator: 'and', rules: [{ field: 'closeDate', operator: '=', value: 'now' }] },
    },
  ],
};

/** Counts both trees, with the expectations for the zone at the same moment; retried once if a midnight passed meanwhile. */
async function countsIn(zone: string) {
  for (let attempt = 0; ; attempt++) {
    const before = Date.now();
    const got = [await count(sinceStartOfToday), await count(closingToday)];
    const after = Date.now();
    const start = startOfDay(before, zone);
    if (start !== startOfDay(after, zone) && attempt === 0) continue;
    const today = dayIn(before, zone);
    const want = [[...created.values()].filter((ms) => ms >= start).length, [...closing.values()].filter((d) => d === today).length];
    return { got, want, start };
  }
}

beforeAll(async () => {
  t = await setupStrapi({ env: { SEGMENTS_TIME_ZONE: ZONE } });
  admin = await createAdminAndLogin(t.strapi, t.request);
  const clock = makeClock();
  const now = clock.now.getTime();
  const zoned = startOfDay(now, ZONE);
  const utc = startOfDay(now, 'UTC');
  // Each side of both midnights, to the second; and deals closing on both calendars' today and their neighbours.
  const instants = [zoned - SECOND, zoned, zoned + SECOND, utc - SECOND, utc, utc + SECOND, now - 3 * DAY];
  instants.forEach((ms, i) => created.set(`c${i}`, ms));
  const days = [dayIn(now, ZONE), dayIn(now, 'UTC'), dayIn(now - DAY, 'UTC'), dayIn(now + DAY, 'UTC')];
  days.forEach((d, i) => closing.set(`d${i}`, d));
  await createCrmFixture(t.strapi, {
    contacts: Object.fromEntries(
      [...created].map(([key, ms]) => [key, { firstName: key, email: `${key}@tz.test`, createdAt: new Date(ms) }]),
    ),
    deals: [...closing].map(([key, closeDate], i) => ({ name: key, closeDate, contacts: [`c${i}`] })),
  } as any);
}, 300_000);

afterAll(async () => {
  await teardownStrapi();
});

it('counts the days of the configured zone, and of UTC once the config says UTC', async () => {
  expect(t.strapi.config.get('plugin::segments.timeZone')).toBe(ZONE);
  const zoned = await countsIn(ZONE);
  expect(zoned.got).toEqual(zoned.want);
  try {
    t.strapi.config.set('plugin::segments.timeZone', 'UTC');
    const utc = await countsIn('UTC');
    expect(utc.got).toEqual(utc.want);
    // New York's midnight is 4 or 5 hours after UTC's: the contacts between them count in one zone only.
    expect(utc.start).not.toBe(zoned.start);
    expect(utc.got[0]).not.toBe(zoned.got[0]);
  } finally {
    t.strapi.config.set('plugin::segments.timeZone', ZONE);
  }
});

it('answers a malformed rounding with a 400 naming the path and the forms', async () => {
  const res = await t.request
    .post('/segments/preview')
    .set(admin.headers)
    .send({ filters: { combinator: 'and', rules: [{ field: 'createdAt', operator: '>=', value: 'now-1Q' }] }, limit: 1 });
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body.error)).toContain('rules[0].value');
  expect(JSON.stringify(res.body.error)).toContain('\\"Q\\" is not an offset unit');
});

it('refuses to boot with a zone it does not know, saying what to write', async () => {
  await teardownStrapi();
  await expect(setupStrapi({ env: { SEGMENTS_TIME_ZONE: 'America/Springfield' } })).rejects.toThrow(
    /timeZone: "America\/Springfield" is not a time zone this server knows: use an IANA name such as "Europe\/Berlin"/,
  );
});
