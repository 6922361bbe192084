/**
 * Every operator of every field type, every match mode, email engagement, lastActivityAt, segments and
 * NOT groups, on one hand-made CRM of 12 contacts whose expected members are written out by hand.
 * The engine runs for real (preview through the segments service, on the database of DATABASE_CLIENT).
 *
 * Every date is relative to the fixture's clock (`d(-45)` = 45 days ago); tests keep days away from them.
 *
 * contact | first / last name | email                 | jobTitle          | stage       | score | source   | unsub | company | tags           | createdAt
 * ada     | Ada MÜLLER        | ada@acme.de           | CTO               | customer    | 90    | website  | false | acme    | vip, news      | -300d
 * bob     | Bob müller        | bob@klinik.de         | Nurse             | lead        | 10    | referral | true  | berlin  | news           | -200d
 * cleo    | Cleo Muller       | CLEO@ACME.DE          | cto               | lead        | 50    | event    | false | acme    |                | -150d
 * dan     | Dan Straße        | dan@paris-sante.fr    | Chief Doctor      | customer    | 0     | paid     | null  | paris   |                | midnight(-120d) UTC
 * eve     | Zoë Smith         | eve@lyon.fr           | Store Manager     | customer    | -5    | outbound | false | lyon    | vip2024        | midnight(-120d) + 12h
 * finn    | Zoe smith         | finn_1@paris-sante.fr | VP Sales          | mql         | 100   | import   | true  | paris   |                | -90d
 * gus     | ZOË STRASSE       | gus@nullco.io         | Head of R&D       | lead        | null  | null     | false | nullco  |                | -60d
 * hana    | Hana Ångström     | hana%x@klinik.de      | 100% Sales_Lead   | opportunity | 50    | website  | false | berlin  |                | -45d
 * ivan    | Ivan ÅNGSTRÖM     | ivan@lyon.fr          | 1000 SalesXLead   | subscriber  | 75    | website  | null  | lyon    |                | -20d
 * jade    | Jade O'Brien      | jade@example.com      | ""                | evangelist  | 20    | referral | false | —       |                | -10d
 * kim     | Kim ""            | null                  | null              | sql         | 99    | event    | true  | —       |                | -3d
 * leo     | Leo null          | ""                    | Sales             | null        | null  | null     | false | —       |                | -1d
 *
 * company | name              | country | industry   | tier       | employees | revenueRange
 * acme    | Acme GmbH         | Germany | technology | enterprise | 500       | over_250m
 * berlin  | Berliner Klinik   | germany | healthcare | smb        | 40        | under_1m
 * paris   | Paris Santé       | France  | healthcare | enterprise | 150       | from_10m_to_50m
 * lyon    | Lyon_Retail 100%  | France  | retail     | smb        | 100       | from_1m_to_10m
 * nullco  | Nullco            | null    | null       | null       | null      | null
 *
 * deal | stage       | amount   | closeDate | company | contacts   | createdAt | name
 * d1   | closed_won  | 1500.50  | -10d      | acme    | ada        | -120d     | Acme renewal
 * d2   | proposal    | 20000    | +30d      | acme    | ada, cleo  | -20d      | Acme expansion 100%
 * d3   | closed_lost | 0.99     | -45d      | berlin  | bob        | -200d
 * d4   | closed_won  | 1500.5   | -45d      | paris   | dan        | -150d
 * d5   | negotiation | null     | null      | —       | eve, finn  | -5d
 * d6   | qualified   | 99999.99 | -400d     | paris   | finn       | -400d
 * d7   | appointment | 250      | +400d     | lyon    | hana       | -2d
 * d8   | closed_won  | 300      | -100d     | acme    | ada        | -100d
 * d9   | closed_won  | 10       | -200d     | acme    | cleo       | -210d
 *   deals per contact: ada d1 d2 d8 · bob d3 · cleo d2 d9 · dan d4 · eve d5 · finn d5 d6 · hana d7 · others none
 *
 * activities: ada call -5d, email -100d · bob meeting -70d · cleo task (occurredAt null) · dan call -40d, task (null)
 *   · finn email -2d · gus meeting -200d · hana call -25d · jade note -80d · kim call -1d, call -15d · eve, ivan, leo none
 *   lastActivityAt: ada -5 · bob -70 · cleo ∅ · dan -40 · eve ∅ · finn -2 · gus -200 · hana -25 · ivan ∅ · jade -80 · kim -1 · leo ∅
 *
 * campaigns: c0 draft (sentAt null, created -1d) · c1 sent -90d · c2 sent -30d · c3 sent -7d · c4 scheduled +3d
 *   last 1 = c3 · last 2 = c3 c2 · last 3 (and last 10) = c3 c2 c1
 * email events: ada opened c1 c2 c3, clicked c3, delivered c1 · bob opened c2 c3, clicked c1 · cleo opened c3 c4
 *   · dan opened c1 c2 c3, clicked c2 · eve delivered c1 c2 c3 · finn opened c1 (twice) c3 · gus clicked c3
 *   · hana opened c0 c4 · kim bounced c3 · ivan, jade, leo none
 *
 * tags: vip "VIP", vip2024 "vip-2024", news "Newsletter", unused "Unused"
 *
 * saved segments: C = leadScore ≥ 90 (ada finn kim) · B = segment in [C] OR lifecycleStage = lead (+ bob cleo gus)
 *   · A = segment in [B] AND company notNull (ada bob cleo finn gus)
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin } from './helpers/auth';
import {
  and,
  createCrmFixture,
  not,
  or,
  rule,
  segmentsService,
  sub,
  where,
  type Clock,
  type CrmFixture,
  type FixtureSpec,
  type Tree,
} from './support/crm-fixture';

jest.setTimeout(180_000);

let t: TestStrapi;
let fx: CrmFixture;
const seg = { A: '', B: '', C: '' };

function fixture(clock: Clock): FixtureSpec {
  const ago = (days: number, hours = 0) => clock.at(-days, hours);
  const d = clock.day;
  return {
    companies: {
      acme: {
        name: 'Acme GmbH',
        country: 'Germany',
        industry: 'technology',
        tier: 'enterprise',
        employees: 500,
        revenueRange: 'over_250m',
      },
      berlin: { name: 'Berliner Klinik', country: 'germany', industry: 'healthcare', tier: 'smb', employees: 40, revenueRange: 'under_1m' },
      paris: {
        name: 'Paris Santé',
        country: 'France',
        industry: 'healthcare',
        tier: 'enterprise',
        employees: 150,
        revenueRange: 'from_10m_to_50m',
      },
      lyon: {
        name: 'Lyon_Retail 100%',
        country: 'France',
        industry: 'retail',
        tier: 'smb',
        employees: 100,
        revenueRange: 'from_1m_to_10m',
      },
      nullco: { name: 'Nullco', country: null, industry: null, tier: null, employees: null, revenueRange: null },
    },
    tags: {
      vip: { name: 'VIP' },
      vip2024: { name: 'vip-2024' },
      news: { name: 'Newsletter' },
      unused: { name: 'Unused' },
    },
    campaigns: {
      c0: { name: 'Draft', sentAt: null, createdAt: ago(1) },
      c1: { name: 'Spring', sentAt: ago(90), createdAt: ago(95) },
      c2: { name: 'Summer', sentAt: ago(30), createdAt: ago(35) },
      c3: { name: 'Autumn', sentAt: ago(7), createdAt: ago(8) },
      c4: { name: 'Winter (scheduled)', sentAt: clock.at(3), createdAt: ago(2) },
    },
    contacts: {
      ada: {
        firstName: 'Ada',
        lastName: 'MÜLLER',
        email: 'ada@acme.de',
        jobTitle: 'CTO',
        lifecycleStage: 'customer',
        leadScore: 90,
        source: 'website',
        unsubscribed: false,
        company: 'acme',
        tags: ['vip', 'news'],
        createdAt: ago(300),
      },
      bob: {
        firstName: 'Bob',
        lastName: 'müller',
        email: 'bob@klinik.de',
        jobTitle: 'Nurse',
        lifecycleStage: 'lead',
        leadScore: 10,
        source: 'referral',
        unsubscribed: true,
        company: 'berlin',
        tags: ['news'],
        createdAt: ago(200),
      },
      cleo: {
        firstName: 'Cleo',
        lastName: 'Muller',
        email: 'CLEO@ACME.DE',
        jobTitle: 'cto',
        lifecycleStage: 'lead',
        leadScore: 50,
        source: 'event',
        unsubscribed: false,
        company: 'acme',
        createdAt: ago(150),
      },
      dan: {
        firstName: 'Dan',
        lastName: 'Straße',
        email: 'dan@paris-sante.fr',
        jobTitle: 'Chief Doctor',
        lifecycleStage: 'customer',
        leadScore: 0,
        source: 'paid',
        unsubscribed: null,
        company: 'paris',
        createdAt: clock.midnight(-120),
      },
      eve: {
        firstName: 'Zoë',
        lastName: 'Smith',
        email: 'eve@lyon.fr',
        jobTitle: 'Store Manager',
        lifecycleStage: 'customer',
        leadScore: -5,
        source: 'outbound',
        unsubscribed: false,
        company: 'lyon',
        tags: ['vip2024'],
        createdAt: new Date(clock.midnight(-120).getTime() + 12 * 3_600_000),
      },
      finn: {
        firstName: 'Zoe',
        lastName: 'smith',
        email: 'finn_1@paris-sante.fr',
        jobTitle: 'VP Sales',
        lifecycleStage: 'mql',
        leadScore: 100,
        source: 'import',
        unsubscribed: true,
        company: 'paris',
        createdAt: ago(90),
      },
      gus: {
        firstName: 'ZOË',
        lastName: 'STRASSE',
        email: 'gus@nullco.io',
        jobTitle: 'Head of R&D',
        lifecycleStage: 'lead',
        leadScore: null,
        source: null,
        unsubscribed: false,
        company: 'nullco',
        createdAt: ago(60),
      },
      hana: {
        firstName: 'Hana',
        lastName: 'Ångström',
        email: 'hana%x@klinik.de',
        jobTitle: '100% Sales_Lead',
        lifecycleStage: 'opportunity',
        leadScore: 50,
        source: 'website',
        unsubscribed: false,
        company: 'berlin',
        createdAt: ago(45),
      },
      ivan: {
        firstName: 'Ivan',
        lastName: 'ÅNGSTRÖM',
        email: 'ivan@lyon.fr',
        jobTitle: '1000 SalesXLead',
        lifecycleStage: 'subscriber',
        leadScore: 75,
        source: 'website',
        unsubscribed: null,
        company: 'lyon',
        createdAt: ago(20),
      },
      jade: {
        firstName: 'Jade',
        lastName: "O'Brien",
        email: 'jade@example.com',
        jobTitle: '',
        lifecycleStage: 'evangelist',
        leadScore: 20,
        source: 'referral',
        unsubscribed: false,
        createdAt: ago(10),
      },
      kim: {
        firstName: 'Kim',
        lastName: '',
        email: null,
        jobTitle: null,
        lifecycleStage: 'sql',
        leadScore: 99,
        source: 'event',
        unsubscribed: true,
        createdAt: ago(3),
      },
      leo: {
        firstName: 'Leo',
        lastName: null,
        email: '',
        jobTitle: 'Sales',
        lifecycleStage: null,
        leadScore: null,
        source: null,
        unsubscribed: false,
        createdAt: ago(1),
      },
    },
    deals: {
      d1: {
        name: 'Acme renewal',
        stage: 'closed_won',
        amount: 1500.5,
        closeDate: d(-10),
        company: 'acme',
        contacts: ['ada'],
        createdAt: ago(120),
      },
      d2: {
        name: 'Acme expansion 100%',
        stage: 'proposal',
        amount: 20000,
        closeDate: d(30),
        company: 'acme',
        contacts: ['ada', 'cleo'],
        createdAt: ago(20),
      },
      d3: { stage: 'closed_lost', amount: 0.99, closeDate: d(-45), company: 'berlin', contacts: ['bob'], createdAt: ago(200) },
      d4: { stage: 'closed_won', amount: '1500.5', closeDate: d(-45), company: 'paris', contacts: ['dan'], createdAt: ago(150) },
      d5: { stage: 'negotiation', amount: null, closeDate: null, contacts: ['eve', 'finn'], createdAt: ago(5) },
      d6: { stage: 'qualified', amount: 99999.99, closeDate: d(-400), company: 'paris', contacts: ['finn'], createdAt: ago(400) },
      d7: { stage: 'appointment', amount: 250, closeDate: d(400), company: 'lyon', contacts: ['hana'], createdAt: ago(2) },
      d8: { stage: 'closed_won', amount: 300, closeDate: d(-100), company: 'acme', contacts: ['ada'], createdAt: ago(100) },
      d9: { stage: 'closed_won', amount: 10, closeDate: d(-200), company: 'acme', contacts: ['cleo'], createdAt: ago(210) },
    },
    activities: {
      a1: { type: 'call', subject: 'Intro_call', occurredAt: ago(5), contact: 'ada' },
      a2: { type: 'email', occurredAt: ago(100), contact: 'ada' },
      a3: { type: 'meeting', occurredAt: ago(70), contact: 'bob' },
      a4: { type: 'task', occurredAt: null, contact: 'cleo' },
      a5: { type: 'call', occurredAt: ago(40), contact: 'dan' },
      a6: { type: 'task', occurredAt: null, contact: 'dan' },
      a7: { type: 'email', occurredAt: ago(2), contact: 'finn' },
      a8: { type: 'meeting', occurredAt: ago(200), contact: 'gus' },
      a9: { type: 'call', occurredAt: ago(25), contact: 'hana' },
      a10: { type: 'note', occurredAt: ago(80), contact: 'jade' },
      a11: { type: 'call', occurredAt: ago(1), contact: 'kim' },
      a12: { type: 'call', occurredAt: ago(15), contact: 'kim' },
    },
    emailEvents: [
      { contact: 'ada', campaign: 'c1', type: 'delivered', occurredAt: ago(90) },
      { contact: 'ada', campaign: 'c1', type: 'opened', occurredAt: ago(89) },
      { contact: 'ada', campaign: 'c2', type: 'opened', occurredAt: ago(29) },
      { contact: 'ada', campaign: 'c3', type: 'opened', occurredAt: ago(6) },
      { contact: 'ada', campaign: 'c3', type: 'clicked', occurredAt: ago(6) },
      { contact: 'bob', campaign: 'c1', type: 'clicked', occurredAt: ago(88) },
      { contact: 'bob', campaign: 'c2', type: 'opened', occurredAt: ago(29) },
      { contact: 'bob', campaign: 'c3', type: 'opened', occurredAt: ago(6) },
      { contact: 'cleo', campaign: 'c3', type: 'opened', occurredAt: ago(6) },
      { contact: 'cleo', campaign: 'c4', type: 'opened', occurredAt: ago(1) }, // a test send of the scheduled campaign
      { contact: 'dan', campaign: 'c1', type: 'opened', occurredAt: ago(89) },
      { contact: 'dan', campaign: 'c2', type: 'opened', occurredAt: ago(29) },
      { contact: 'dan', campaign: 'c2', type: 'clicked', occurredAt: ago(29) },
      { contact: 'dan', campaign: 'c3', type: 'opened', occurredAt: ago(6) },
      { contact: 'eve', campaign: 'c1', type: 'delivered', occurredAt: ago(90) },
      { contact: 'eve', campaign: 'c2', type: 'delivered', occurredAt: ago(30) },
      { contact: 'eve', campaign: 'c3', type: 'delivered', occurredAt: ago(7) },
      { contact: 'finn', campaign: 'c1', type: 'opened', occurredAt: ago(89) },
      { contact: 'finn', campaign: 'c1', type: 'opened', occurredAt: ago(80) },
      { contact: 'finn', campaign: 'c3', type: 'opened', occurredAt: ago(6) },
      { contact: 'gus', campaign: 'c3', type: 'clicked', occurredAt: ago(6) },
      { contact: 'hana', campaign: 'c0', type: 'opened', occurredAt: ago(1) },
      { contact: 'hana', campaign: 'c4', type: 'opened', occurredAt: ago(1) },
      { contact: 'kim', campaign: 'c3', type: 'bounced', occurredAt: ago(7) },
    ],
  };
}

beforeAll(async () => {
  t = await setupStrapi();
  fx = await createCrmFixture(t.strapi, fixture);
  seg.C = await fx.createSegment('C: hot scores', where('leadScore', '>=', 90));
  seg.B = await fx.createSegment('B: hot or lead', or(rule('segment', 'in', [seg.C]), rule('lifecycleStage', '=', 'lead')));
  seg.A = await fx.createSegment('A: B with a company', and(rule('segment', 'in', [seg.B]), rule('company', 'notNull')));
});

afterAll(async () => {
  await teardownStrapi();
});

const ALL = ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'];
const NOBODY: string[] = [];
const sorted = (keys: string[]) => [...keys].sort();

type Case = [name: string, tree: () => Tree, expected: string[]];

/**
 * Asserts the members of each tree, and that `not` of the tree selects exactly the other contacts
 * (count(T) + count(not T) = all contacts, docs/semantics.md).
 */
function check(cases: Case[]) {
  it.each(cases)('%s', async (_name, tree, expected) => {
    const t1 = tree();
    expect(await fx.membersOf(t1)).toEqual(sorted(expected));
    expect(await fx.membersOf({ combinator: 'and', not: true, rules: [t1] })).toEqual(fx.complement(expected));
  });
}

const campaigns = (...keys: string[]) => ({ campaigns: keys.map((k) => fx.campaigns[k]) });

it('builds the fixture it describes', () => {
  expect(fx.allContacts).toEqual(ALL);
  expect(Object.keys(fx.deals)).toHaveLength(9);
  expect(Object.keys(fx.emailEvents)).toHaveLength(24);
});

describe('text (string): lastName, firstName, jobTitle', () => {
  check([
    ['= is case-insensitive beyond ASCII (MÜLLER = müller)', () => where('lastName', '=', 'müller'), ['ada', 'bob']],
    ['= keeps accents significant (Muller is not Müller)', () => where('lastName', '=', 'MULLER'), ['cleo']],
    [
      '!= includes empty and null values',
      () => where('lastName', '!=', 'müller'),
      ['cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['contains folds Ü', () => where('lastName', 'contains', 'ÜLL'), ['ada', 'bob']],
    ['contains "ull" does not match "üll"', () => where('lastName', 'contains', 'ull'), ['cleo']],
    [
      'doesNotContain',
      () => where('lastName', 'doesNotContain', 'üll'),
      ['cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['beginsWith', () => where('lastName', 'beginsWith', 'mü'), ['ada', 'bob']],
    [
      'doesNotBeginWith',
      () => where('lastName', 'doesNotBeginWith', 'MÜ'),
      ['cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['endsWith', () => where('lastName', 'endsWith', 'LLER'), ['ada', 'bob', 'cleo']],
    [
      'doesNotEndWith',
      () => where('lastName', 'doesNotEndWith', 'ller'),
      ['dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['in', () => where('lastName', 'in', ['Müller', 'SMITH']), ['ada', 'bob', 'eve', 'finn']],
    ['notIn', () => where('lastName', 'notIn', ['Müller', 'SMITH']), ['cleo', 'dan', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['null matches null and ""', () => where('lastName', 'null'), ['kim', 'leo']],
    ['notNull', () => where('lastName', 'notNull'), ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade']],
    ['ß is not ss (straße)', () => where('lastName', '=', 'straße'), ['dan']],
    ['ss is not ß (STRASSE)', () => where('lastName', '=', 'strasse'), ['gus']],
    ['contains "ss"', () => where('lastName', 'contains', 'ss'), ['gus']],
    ['Å/Ö fold, and stay accented', () => where('lastName', '=', 'ångström'), ['hana', 'ivan']],
    ['no accent folding: angstrom', () => where('lastName', '=', 'angstrom'), NOBODY],
    ['a quote in the value', () => where('lastName', 'contains', "'b"), ['jade']],
    ['Zoë = ZOË (Ë folds), not Zoe', () => where('firstName', '=', 'zoë'), ['eve', 'gus']],
    ['Zoe is not Zoë', () => where('firstName', '=', 'Zoe'), ['finn']],
    ['beginsWith across accents', () => where('firstName', 'beginsWith', 'ZO'), ['eve', 'finn', 'gus']],
    ['endsWith a non-ASCII letter', () => where('firstName', 'endsWith', 'Ë'), ['eve', 'gus']],
    ['in folds case', () => where('firstName', 'in', ['zoe', 'ADA']), ['ada', 'finn']],
    ['% is literal in contains', () => where('jobTitle', 'contains', '%'), ['hana']],
    ['_ is literal in contains', () => where('jobTitle', 'contains', '_'), ['hana']],
    ['% is literal in beginsWith (1000… does not match 100%)', () => where('jobTitle', 'beginsWith', '100%'), ['hana']],
    ['_ is literal in endsWith (SalesXLead does not match s_lead)', () => where('jobTitle', 'endsWith', 'S_LEAD'), ['hana']],
    ['= with % and _', () => where('jobTitle', '=', '100% sales_lead'), ['hana']],
    ['contains across %', () => where('jobTitle', 'contains', '0% S'), ['hana']],
    ['contains', () => where('jobTitle', 'contains', 'sales'), ['finn', 'hana', 'ivan', 'leo']],
    ['= is whole-value', () => where('jobTitle', '=', 'cto'), ['ada', 'cleo']],
    [
      'doesNotContain % includes "" and null',
      () => where('jobTitle', 'doesNotContain', '%'),
      ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'ivan', 'jade', 'kim', 'leo'],
    ],
    [
      'doesNotBeginWith includes "" and null',
      () => where('jobTitle', 'doesNotBeginWith', 'c'),
      ['bob', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    [
      'doesNotEndWith',
      () => where('jobTitle', 'doesNotEndWith', 'lead'),
      ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'jade', 'kim', 'leo'],
    ],
    [
      'notIn includes "" and null',
      () => where('jobTitle', 'notIn', ['cto', 'NURSE']),
      ['dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['null: "" and null', () => where('jobTitle', 'null'), ['jade', 'kim']],
    ['notNull', () => where('jobTitle', 'notNull'), ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'leo']],
  ]);
});

describe('email attribute', () => {
  check([
    ['endsWith is case-insensitive', () => where('email', 'endsWith', '@ACME.de'), ['ada', 'cleo']],
    ['= is case-insensitive', () => where('email', '=', 'cleo@acme.de'), ['cleo']],
    ['!=', () => where('email', '!=', 'cleo@acme.de'), ['ada', 'bob', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['contains _ literally', () => where('email', 'contains', '_'), ['finn']],
    ['contains % literally', () => where('email', 'contains', '%'), ['hana']],
    ['beginsWith', () => where('email', 'beginsWith', 'H'), ['hana']],
    [
      'doesNotBeginWith',
      () => where('email', 'doesNotBeginWith', 'h'),
      ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['in', () => where('email', 'in', ['ADA@acme.de', 'ivan@lyon.fr']), ['ada', 'ivan']],
    ['null: null and ""', () => where('email', 'null'), ['kim', 'leo']],
    ['notNull', () => where('email', 'notNull'), ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade']],
  ]);
});

describe('enumeration: lifecycleStage, source', () => {
  check([
    ['= takes an option in any case', () => where('lifecycleStage', '=', 'CUSTOMER'), ['ada', 'dan', 'eve']],
    [
      '!= includes null',
      () => where('lifecycleStage', '!=', 'customer'),
      ['bob', 'cleo', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['in', () => where('lifecycleStage', 'in', ['Lead', 'mql']), ['bob', 'cleo', 'finn', 'gus']],
    [
      'notIn includes null',
      () => where('lifecycleStage', 'notIn', ['lead', 'MQL']),
      ['ada', 'dan', 'eve', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['contains', () => where('lifecycleStage', 'contains', 'LEAD'), ['bob', 'cleo', 'gus']],
    [
      'doesNotContain',
      () => where('lifecycleStage', 'doesNotContain', 'lead'),
      ['ada', 'dan', 'eve', 'finn', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['beginsWith', () => where('lifecycleStage', 'beginsWith', 'customer'), ['ada', 'dan', 'eve']],
    ['endsWith', () => where('lifecycleStage', 'endsWith', 'Opportunity'), ['hana']],
    [
      'doesNotEndWith',
      () => where('lifecycleStage', 'doesNotEndWith', 'opportunity'),
      ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'ivan', 'jade', 'kim', 'leo'],
    ],
    [
      'doesNotBeginWith',
      () => where('lifecycleStage', 'doesNotBeginWith', 'customer'),
      ['bob', 'cleo', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['null', () => where('lifecycleStage', 'null'), ['leo']],
    [
      'notNull',
      () => where('lifecycleStage', 'notNull'),
      ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim'],
    ],
    ['source =', () => where('source', '=', 'website'), ['ada', 'hana', 'ivan']],
    ['source null', () => where('source', 'null'), ['gus', 'leo']],
  ]);
});

describe('integer: leadScore (numbers may be numeric strings)', () => {
  check([
    ['=', () => where('leadScore', '=', 50), ['cleo', 'hana']],
    ['= "50"', () => where('leadScore', '=', '50'), ['cleo', 'hana']],
    ['= 0 is not null', () => where('leadScore', '=', 0), ['dan']],
    ['!= includes null', () => where('leadScore', '!=', 50), ['ada', 'bob', 'dan', 'eve', 'finn', 'gus', 'ivan', 'jade', 'kim', 'leo']],
    ['<', () => where('leadScore', '<', 20), ['bob', 'dan', 'eve']],
    ['<=', () => where('leadScore', '<=', 20), ['bob', 'dan', 'eve', 'jade']],
    ['>', () => where('leadScore', '>', 90), ['finn', 'kim']],
    ['>=', () => where('leadScore', '>=', 90), ['ada', 'finn', 'kim']],
    ['> a decimal', () => where('leadScore', '>', 89.5), ['ada', 'finn', 'kim']],
    ['> a decimal string', () => where('leadScore', '>', '89.5'), ['ada', 'finn', 'kim']],
    ['< "0.5"', () => where('leadScore', '<', '0.5'), ['dan', 'eve']],
    ['< a negative number', () => where('leadScore', '<', -1), ['eve']],
    ['between is inclusive', () => where('leadScore', 'between', [20, 75]), ['cleo', 'hana', 'ivan', 'jade']],
    ['between strings', () => where('leadScore', 'between', ['20', '75']), ['cleo', 'hana', 'ivan', 'jade']],
    [
      'notBetween includes null',
      () => where('leadScore', 'notBetween', [20, 75]),
      ['ada', 'bob', 'dan', 'eve', 'finn', 'gus', 'kim', 'leo'],
    ],
    ['in', () => where('leadScore', 'in', [0, 100]), ['dan', 'finn']],
    ['in strings', () => where('leadScore', 'in', ['0', '100']), ['dan', 'finn']],
    [
      'notIn includes null',
      () => where('leadScore', 'notIn', [0, 100]),
      ['ada', 'bob', 'cleo', 'eve', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['null', () => where('leadScore', 'null'), ['gus', 'leo']],
    ['notNull', () => where('leadScore', 'notNull'), ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'hana', 'ivan', 'jade', 'kim']],
  ]);
});

describe('boolean: unsubscribed', () => {
  check([
    ['= true', () => where('unsubscribed', '=', true), ['bob', 'finn', 'kim']],
    ['= false', () => where('unsubscribed', '=', false), ['ada', 'cleo', 'eve', 'gus', 'hana', 'jade', 'leo']],
    ['!= true includes null', () => where('unsubscribed', '!=', true), ['ada', 'cleo', 'dan', 'eve', 'gus', 'hana', 'ivan', 'jade', 'leo']],
    ['!= false includes null', () => where('unsubscribed', '!=', false), ['bob', 'dan', 'finn', 'ivan', 'kim']],
    ['null', () => where('unsubscribed', 'null'), ['dan', 'ivan']],
    ['notNull', () => where('unsubscribed', 'notNull'), ['ada', 'bob', 'cleo', 'eve', 'finn', 'gus', 'hana', 'jade', 'kim', 'leo']],
  ]);
});

describe("datetime: createdAt (a date-only value is that day's UTC midnight; date math in UTC)", () => {
  const D = () => fx.clock.day(-120); // dan was created at D 00:00:00Z, eve at D 12:00:00Z
  check([
    ['= a date-only value is its UTC midnight', () => where('createdAt', '=', D()), ['dan']],
    ['= an ISO instant', () => where('createdAt', '=', `${D()}T12:00:00Z`), ['eve']],
    ['= an ISO instant with an offset', () => where('createdAt', '=', `${D()}T14:00:00+02:00`), ['eve']],
    ['!=', () => where('createdAt', '!=', D()), ['ada', 'bob', 'cleo', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['< a day', () => where('createdAt', '<', D()), ['ada', 'bob', 'cleo']],
    ['<= a day includes its midnight', () => where('createdAt', '<=', D()), ['ada', 'bob', 'cleo', 'dan']],
    ['> a day excludes its midnight', () => where('createdAt', '>', D()), ['eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['>= an instant', () => where('createdAt', '>=', `${D()}T12:00:00.000Z`), ['eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['between is inclusive at both ends', () => where('createdAt', 'between', [D(), `${D()}T12:00:00Z`]), ['dan', 'eve']],
    [
      'notBetween',
      () => where('createdAt', 'notBetween', [D(), `${D()}T12:00:00Z`]),
      ['ada', 'bob', 'cleo', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['>= now-30d', () => where('createdAt', '>=', 'now-30d'), ['ivan', 'jade', 'kim', 'leo']],
    ['< now-6M', () => where('createdAt', '<', 'now-6M'), ['ada', 'bob']],
    ['> now-1w', () => where('createdAt', '>', 'now-1w'), ['kim', 'leo']],
    ['> now-48h', () => where('createdAt', '>', 'now-48h'), ['leo']],
    ['< now+1y', () => where('createdAt', '<', 'now+1y'), ALL],
    ['>= now', () => where('createdAt', '>=', 'now'), NOBODY],
    ['between now-1y and now-100d', () => where('createdAt', 'between', ['now-1y', 'now-100d']), ['ada', 'bob', 'cleo', 'dan', 'eve']],
    ['null', () => where('createdAt', 'null'), NOBODY],
    ['notNull', () => where('createdAt', 'notNull'), ALL],
  ]);
});

describe('company.* (to-one): no company → positive operators false, negative true', () => {
  check([
    ['country = (any case)', () => where('company.country', '=', 'GERMANY'), ['ada', 'bob', 'cleo', 'hana']],
    [
      'country != includes no company and a null country',
      () => where('company.country', '!=', 'germany'),
      ['dan', 'eve', 'finn', 'gus', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['country in', () => where('company.country', 'in', ['France', 'Spain']), ['dan', 'eve', 'finn', 'ivan']],
    [
      'country notIn',
      () => where('company.country', 'notIn', ['France', 'Spain']),
      ['ada', 'bob', 'cleo', 'gus', 'hana', 'jade', 'kim', 'leo'],
    ],
    ['country null: null country or no company', () => where('company.country', 'null'), ['gus', 'jade', 'kim', 'leo']],
    ['country notNull', () => where('company.country', 'notNull'), ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'hana', 'ivan']],
    ['name contains an accented letter', () => where('company.name', 'contains', 'SANTÉ'), ['dan', 'finn']],
    ['name: no accent folding', () => where('company.name', 'contains', 'sante'), NOBODY],
    ['name contains _ and % literally', () => where('company.name', 'contains', '_retail 100%'), ['eve', 'ivan']],
    [
      'name doesNotContain',
      () => where('company.name', 'doesNotContain', 'klinik'),
      ['ada', 'cleo', 'dan', 'eve', 'finn', 'gus', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['name beginsWith', () => where('company.name', 'beginsWith', 'acme'), ['ada', 'cleo']],
    ['name endsWith', () => where('company.name', 'endsWith', '100%'), ['eve', 'ivan']],
    [
      'name doesNotEndWith',
      () => where('company.name', 'doesNotEndWith', 'gmbh'),
      ['bob', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['tier (enumeration) =', () => where('company.tier', '=', 'enterprise'), ['ada', 'cleo', 'dan', 'finn']],
    ['tier !=', () => where('company.tier', '!=', 'enterprise'), ['bob', 'eve', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['tier in', () => where('company.tier', 'in', ['ENTERPRISE', 'smb']), ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'hana', 'ivan']],
    ['tier notIn', () => where('company.tier', 'notIn', ['enterprise', 'smb']), ['gus', 'jade', 'kim', 'leo']],
    ['industry =', () => where('company.industry', '=', 'healthcare'), ['bob', 'dan', 'finn', 'hana']],
    ['revenueRange = (case-insensitive option)', () => where('company.revenueRange', '=', 'OVER_250M'), ['ada', 'cleo']],
    ['employees >', () => where('company.employees', '>', 100), ['ada', 'cleo', 'dan', 'finn']],
    ['employees >=', () => where('company.employees', '>=', '100'), ['ada', 'cleo', 'dan', 'eve', 'finn', 'ivan']],
    ['employees <=', () => where('company.employees', '<=', 100), ['bob', 'eve', 'hana', 'ivan']],
    ['employees <', () => where('company.employees', '<', 100), ['bob', 'hana']],
    ['employees = ', () => where('company.employees', '=', 150), ['dan', 'finn']],
    ['employees between', () => where('company.employees', 'between', [41, 499]), ['dan', 'eve', 'finn', 'ivan']],
    [
      'employees notBetween',
      () => where('company.employees', 'notBetween', [41, 499]),
      ['ada', 'bob', 'cleo', 'gus', 'hana', 'jade', 'kim', 'leo'],
    ],
    ['employees in', () => where('company.employees', 'in', [40, 500]), ['ada', 'bob', 'cleo', 'hana']],
    ['employees notIn', () => where('company.employees', 'notIn', [40, 500]), ['dan', 'eve', 'finn', 'gus', 'ivan', 'jade', 'kim', 'leo']],
    ['employees null', () => where('company.employees', 'null'), ['gus', 'jade', 'kim', 'leo']],
    ['employees notNull', () => where('company.employees', 'notNull'), ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'hana', 'ivan']],
  ]);
});

describe('company (relation, by documentId)', () => {
  check([
    ['=', () => where('company', '=', fx.companies.acme), ['ada', 'cleo']],
    [
      '!= includes no company',
      () => where('company', '!=', fx.companies.acme),
      ['bob', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['in', () => where('company', 'in', [fx.companies.acme, fx.companies.paris]), ['ada', 'cleo', 'dan', 'finn']],
    [
      'notIn',
      () => where('company', 'notIn', [fx.companies.acme, fx.companies.paris]),
      ['bob', 'eve', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['null: no company', () => where('company', 'null'), ['jade', 'kim', 'leo']],
    ['notNull', () => where('company', 'notNull'), ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan']],
  ]);
});

describe('to-many match modes (deals)', () => {
  const won = () => rule('stage', '=', 'closed_won');
  check([
    ['some', () => and(sub('deals', 'some', undefined, won())), ['ada', 'cleo', 'dan']],
    ['none', () => and(sub('deals', 'none', undefined, won())), ['bob', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['all: true with no deals', () => and(sub('deals', 'all', undefined, won())), ['dan', 'gus', 'ivan', 'jade', 'kim', 'leo']],
    ['atLeast 0 is always true', () => and(sub('deals', 'atLeast', 0, won())), ALL],
    ['atLeast 1', () => and(sub('deals', 'atLeast', 1, won())), ['ada', 'cleo', 'dan']],
    ['atLeast 2', () => and(sub('deals', 'atLeast', 2, won())), ['ada']],
    ['atLeast 3', () => and(sub('deals', 'atLeast', 3, won())), NOBODY],
    ['atMost 0', () => and(sub('deals', 'atMost', 0, won())), ['bob', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    [
      'atMost 1',
      () => and(sub('deals', 'atMost', 1, won())),
      ['bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['atMost 2', () => and(sub('deals', 'atMost', 2, won())), ALL],
    ['exactly 0', () => and(sub('deals', 'exactly', 0, won())), ['bob', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['exactly 1', () => and(sub('deals', 'exactly', 1, won())), ['cleo', 'dan']],
    ['exactly 2', () => and(sub('deals', 'exactly', 2, won())), ['ada']],
    ['empty sub-group, some: has a deal', () => and(sub('deals', 'some', undefined)), ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn', 'hana']],
    ['empty sub-group, none: has no deal', () => and(sub('deals', 'none', undefined)), ['gus', 'ivan', 'jade', 'kim', 'leo']],
    ['empty sub-group, all: everyone', () => and(sub('deals', 'all', undefined)), ALL],
    ['empty sub-group, atLeast 0', () => and(sub('deals', 'atLeast', 0)), ALL],
    ['empty sub-group, atLeast 2', () => and(sub('deals', 'atLeast', 2)), ['ada', 'cleo', 'finn']],
    ['empty sub-group, atLeast 3', () => and(sub('deals', 'atLeast', 3)), ['ada']],
    ['empty sub-group, atMost 0', () => and(sub('deals', 'atMost', 0)), ['gus', 'ivan', 'jade', 'kim', 'leo']],
    ['empty sub-group, atMost 1', () => and(sub('deals', 'atMost', 1)), ['bob', 'dan', 'eve', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['empty sub-group, exactly 0', () => and(sub('deals', 'exactly', 0)), ['gus', 'ivan', 'jade', 'kim', 'leo']],
    ['empty sub-group, exactly 1', () => and(sub('deals', 'exactly', 1)), ['bob', 'dan', 'eve', 'hana']],
    ['empty sub-group, exactly 2 (a deal shared by two contacts counts for both)', () => and(sub('deals', 'exactly', 2)), ['cleo', 'finn']],
    ['empty sub-group, exactly 3', () => and(sub('deals', 'exactly', 3)), ['ada']],
    [
      'conditions of one sub-group hold on the same deal',
      () => and(sub('deals', 'some', undefined, won(), rule('closeDate', '>=', 'now-30d'))),
      ['ada'],
    ],
    [
      '…unlike two separate rules',
      () => and(sub('deals', 'some', undefined, won()), sub('deals', 'some', undefined, rule('closeDate', '>=', 'now-30d'))),
      ['ada', 'cleo'],
    ],
    [
      'sub-group with or',
      () => and({ ...sub('deals', 'some', undefined), value: or(rule('stage', '=', 'closed_lost'), rule('amount', '>', 50000)) }),
      ['bob', 'finn'],
    ],
    [
      'sub-group with a not group: all deals open',
      () => and({ ...sub('deals', 'all', undefined), value: not(and(rule('stage', 'in', ['closed_won', 'closed_lost']))) }),
      ['eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    [
      'sub-group with an empty or group (matches every deal)',
      () => and({ ...sub('deals', 'exactly', 1), value: or() }),
      ['bob', 'dan', 'eve', 'hana'],
    ],
    [
      'sub-group with a negated empty group (matches no deal): all = has no deal',
      () => and({ ...sub('deals', 'all', undefined), value: not(and()) }),
      ['gus', 'ivan', 'jade', 'kim', 'leo'],
    ],
  ]);
});

describe('decimal: deals.amount', () => {
  const deals = (operator: string, value?: unknown) => and(sub('deals', 'some', undefined, rule('amount', operator, value)));
  check([
    ['=', () => deals('=', 1500.5), ['ada', 'dan']],
    ['= "1500.50"', () => deals('=', '1500.50'), ['ada', 'dan']],
    ['!= (a null amount is !=)', () => deals('!=', 1500.5), ['ada', 'bob', 'cleo', 'eve', 'finn', 'hana']],
    ['<', () => deals('<', 1), ['bob']],
    ['<=', () => deals('<=', 250), ['bob', 'cleo', 'hana']],
    ['>', () => deals('>', 20000), ['finn']],
    ['>=', () => deals('>=', '20000'), ['ada', 'cleo', 'finn']],
    ['> "2.5"', () => deals('>', '2.5'), ['ada', 'cleo', 'dan', 'finn', 'hana']],
    ['between is inclusive', () => deals('between', [250, 1500.5]), ['ada', 'dan', 'hana']],
    ['between strings', () => deals('between', ['10', '250']), ['cleo', 'hana']],
    ['notBetween', () => deals('notBetween', [250, 1500.5]), ['ada', 'bob', 'cleo', 'eve', 'finn']],
    ['in', () => deals('in', [0.99, 250]), ['bob', 'hana']],
    ['notIn', () => deals('notIn', [0.99, '250']), ['ada', 'cleo', 'dan', 'eve', 'finn']],
    ['null', () => deals('null'), ['eve', 'finn']],
    ['notNull', () => deals('notNull'), ['ada', 'bob', 'cleo', 'dan', 'finn', 'hana']],
  ]);
});

describe('date: deals.closeDate (by calendar day)', () => {
  const deals = (operator: string, value?: unknown) => and(sub('deals', 'some', undefined, rule('closeDate', operator, value)));
  const day = (n: number) => fx.clock.day(n);
  check([
    ['= a day', () => deals('=', day(-45)), ['bob', 'dan']],
    ['= a datetime compares its UTC day', () => deals('=', `${day(-45)}T23:59:59Z`), ['bob', 'dan']],
    ['!= (a null closeDate is !=)', () => deals('!=', day(-45)), ['ada', 'cleo', 'eve', 'finn', 'hana']],
    ['< now-30d', () => deals('<', 'now-30d'), ['ada', 'bob', 'cleo', 'dan', 'finn']],
    ['<= a day includes it', () => deals('<=', day(-45)), ['ada', 'bob', 'cleo', 'dan', 'finn']],
    ['< a day excludes it', () => deals('<', day(-45)), ['ada', 'cleo', 'finn']],
    ['> now', () => deals('>', 'now'), ['ada', 'cleo', 'hana']],
    ['>= now-30d', () => deals('>=', 'now-30d'), ['ada', 'cleo', 'hana']],
    ['>= a day includes it', () => deals('>=', day(-10)), ['ada', 'cleo', 'hana']],
    ['between one day and itself', () => deals('between', [day(-10), day(-10)]), ['ada']],
    ['between now-50d and now-5d', () => deals('between', ['now-50d', 'now-5d']), ['ada', 'bob', 'dan']],
    ['between now-1y and now+1y', () => deals('between', ['now-1y', 'now+1y']), ['ada', 'bob', 'cleo', 'dan']],
    ['notBetween now-1y and now+1y', () => deals('notBetween', ['now-1y', 'now+1y']), ['eve', 'finn', 'hana']],
    ['> now+2M', () => deals('>', 'now+2M'), ['hana']],
    ['> now+2w', () => deals('>', 'now+2w'), ['ada', 'cleo', 'hana']],
    ['null', () => deals('null'), ['eve', 'finn']],
    ['notNull', () => deals('notNull'), ['ada', 'bob', 'cleo', 'dan', 'finn', 'hana']],
  ]);
});

describe('other sub-query fields: deals.company, deals.createdAt, deals.name, activities, emailEvents, tags', () => {
  check([
    ['deals.company =', () => and(sub('deals', 'some', undefined, rule('company', '=', fx.companies.acme))), ['ada', 'cleo']],
    [
      'deals.company in',
      () => and(sub('deals', 'some', undefined, rule('company', 'in', [fx.companies.berlin, fx.companies.lyon]))),
      ['bob', 'hana'],
    ],
    ['deals.company null', () => and(sub('deals', 'some', undefined, rule('company', 'null'))), ['eve', 'finn']],
    [
      'deals.company != (a deal without company is !=)',
      () => and(sub('deals', 'all', undefined, rule('company', '!=', fx.companies.acme))),
      ['bob', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    [
      'deals.createdAt >= now-90d',
      () => and(sub('deals', 'some', undefined, rule('createdAt', '>=', 'now-90d'))),
      ['ada', 'cleo', 'eve', 'finn', 'hana'],
    ],
    [
      'deals.createdAt none >= now-90d',
      () => and(sub('deals', 'none', undefined, rule('createdAt', '>=', 'now-90d'))),
      ['bob', 'dan', 'gus', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['deals.name contains % literally', () => and(sub('deals', 'some', undefined, rule('name', 'contains', '100%'))), ['ada', 'cleo']],
    [
      'activities some type = call',
      () => and(sub('activities', 'some', undefined, rule('type', '=', 'call'))),
      ['ada', 'dan', 'hana', 'kim'],
    ],
    [
      'activities all type = call',
      () => and(sub('activities', 'all', undefined, rule('type', '=', 'call'))),
      ['eve', 'hana', 'ivan', 'kim', 'leo'],
    ],
    ['activities exactly 2 calls', () => and(sub('activities', 'exactly', 2, rule('type', '=', 'call'))), ['kim']],
    [
      'activities none in the last 60 days (null occurredAt is not recent)',
      () => and(sub('activities', 'none', undefined, rule('occurredAt', '>=', 'now-60d'))),
      ['bob', 'cleo', 'eve', 'gus', 'ivan', 'jade', 'leo'],
    ],
    ['activities some occurredAt null', () => and(sub('activities', 'some', undefined, rule('occurredAt', 'null'))), ['cleo', 'dan']],
    ['activities atLeast 2', () => and(sub('activities', 'atLeast', 2)), ['ada', 'dan', 'kim']],
    ['activities subject contains _', () => and(sub('activities', 'some', undefined, rule('subject', 'contains', '_CALL'))), ['ada']],
    [
      'emailEvents opened c1 (same event)',
      () => and(sub('emailEvents', 'some', undefined, rule('type', '=', 'opened'), rule('campaign', '=', fx.campaigns.c1))),
      ['ada', 'dan', 'finn'],
    ],
    [
      'emailEvents atLeast 2 about c1',
      () => and(sub('emailEvents', 'atLeast', 2, rule('campaign', '=', fx.campaigns.c1))),
      ['ada', 'finn'],
    ],
    [
      'emailEvents exactly 2 opens of c1',
      () => and(sub('emailEvents', 'exactly', 2, rule('type', '=', 'opened'), rule('campaign', '=', fx.campaigns.c1))),
      ['finn'],
    ],
    ['emailEvents none', () => and(sub('emailEvents', 'none', undefined)), ['ivan', 'jade', 'leo']],
    [
      'emailEvents all delivered',
      () => and(sub('emailEvents', 'all', undefined, rule('type', '=', 'delivered'))),
      ['eve', 'ivan', 'jade', 'leo'],
    ],
    [
      'emailEvents campaign in',
      () => and(sub('emailEvents', 'some', undefined, rule('campaign', 'in', [fx.campaigns.c0, fx.campaigns.c4]))),
      ['cleo', 'hana'],
    ],
    ['tags name = (case-insensitive)', () => and(sub('tags', 'some', undefined, rule('name', '=', 'vip'))), ['ada']],
    ['tags name beginsWith', () => and(sub('tags', 'some', undefined, rule('name', 'beginsWith', 'VIP'))), ['ada', 'eve']],
    ['tags none', () => and(sub('tags', 'none', undefined)), ['cleo', 'dan', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['tags exactly 2', () => and(sub('tags', 'exactly', 2)), ['ada']],
    [
      'tags all = newsletter',
      () => and(sub('tags', 'all', undefined, rule('name', '=', 'newsletter'))),
      ['bob', 'cleo', 'dan', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
  ]);
});

describe('lastActivityAt (latest non-null activity occurredAt)', () => {
  check([
    ['>= now-30d', () => where('lastActivityAt', '>=', 'now-30d'), ['ada', 'finn', 'hana', 'kim']],
    ['< now-30d', () => where('lastActivityAt', '<', 'now-30d'), ['bob', 'dan', 'gus', 'jade']],
    ['> now-1w', () => where('lastActivityAt', '>', 'now-1w'), ['ada', 'finn', 'kim']],
    ['< a day', () => where('lastActivityAt', '<', fx.clock.day(-199)), ['gus']],
    ['= the exact latest instant', () => where('lastActivityAt', '=', fx.clock.at(-5).toISOString()), ['ada']],
    [
      '!= the exact latest instant',
      () => where('lastActivityAt', '!=', fx.clock.at(-5).toISOString()),
      ['bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['= an older (not latest) activity instant', () => where('lastActivityAt', '=', fx.clock.at(-100).toISOString()), NOBODY],
    ['between', () => where('lastActivityAt', 'between', ['now-50d', 'now-20d']), ['dan', 'hana']],
    [
      'notBetween includes no activity',
      () => where('lastActivityAt', 'notBetween', ['now-50d', 'now-20d']),
      ['ada', 'bob', 'cleo', 'eve', 'finn', 'gus', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['<=', () => where('lastActivityAt', '<=', 'now-35d'), ['bob', 'dan', 'gus', 'jade']],
    ['null: no activity, or only activities without a date', () => where('lastActivityAt', 'null'), ['cleo', 'eve', 'ivan', 'leo']],
    ['notNull', () => where('lastActivityAt', 'notNull'), ['ada', 'bob', 'dan', 'finn', 'gus', 'hana', 'jade', 'kim']],
  ]);
});

describe('email engagement', () => {
  check([
    ['opened any last 1', () => where('email.opened', 'any', { last: 1 }), ['ada', 'bob', 'cleo', 'dan', 'finn']],
    ['opened all last 1', () => where('email.opened', 'all', { last: 1 }), ['ada', 'bob', 'cleo', 'dan', 'finn']],
    ['opened none last 1', () => where('email.opened', 'none', { last: 1 }), ['eve', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['opened any last 2', () => where('email.opened', 'any', { last: 2 }), ['ada', 'bob', 'cleo', 'dan', 'finn']],
    ['opened all last 2', () => where('email.opened', 'all', { last: 2 }), ['ada', 'bob', 'dan']],
    [
      'opened all last 3 (the scheduled and the draft campaign do not count)',
      () => where('email.opened', 'all', { last: 3 }),
      ['ada', 'dan'],
    ],
    ['opened none last 3', () => where('email.opened', 'none', { last: 3 }), ['eve', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['opened all last 10 (only 3 sent)', () => where('email.opened', 'all', { last: 10 }), ['ada', 'dan']],
    ['opened any last 10 (only 3 sent)', () => where('email.opened', 'any', { last: 10 }), ['ada', 'bob', 'cleo', 'dan', 'finn']],
    ['opened any of a listed scheduled campaign', () => where('email.opened', 'any', campaigns('c4')), ['cleo', 'hana']],
    ['opened any of a listed draft', () => where('email.opened', 'any', campaigns('c0')), ['hana']],
    ['opened all listed', () => where('email.opened', 'all', campaigns('c1', 'c3')), ['ada', 'dan', 'finn']],
    [
      'opened all listed: two opens of one campaign are not two campaigns',
      () => where('email.opened', 'all', campaigns('c1', 'c2')),
      ['ada', 'dan'],
    ],
    [
      'opened all of a list naming one campaign twice',
      () => where('email.opened', 'all', campaigns('c3', 'c3')),
      ['ada', 'bob', 'cleo', 'dan', 'finn'],
    ],
    [
      'opened none listed',
      () => where('email.opened', 'none', campaigns('c1', 'c2')),
      ['cleo', 'eve', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['clicked any last 1 (a click without an open counts)', () => where('email.clicked', 'any', { last: 1 }), ['ada', 'gus']],
    ['clicked all last 1', () => where('email.clicked', 'all', { last: 1 }), ['ada', 'gus']],
    [
      'clicked none last 1',
      () => where('email.clicked', 'none', { last: 1 }),
      ['bob', 'cleo', 'dan', 'eve', 'finn', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['clicked any last 3', () => where('email.clicked', 'any', { last: 3 }), ['ada', 'bob', 'dan', 'gus']],
    ['clicked all last 2', () => where('email.clicked', 'all', { last: 2 }), NOBODY],
    ['clicked any listed', () => where('email.clicked', 'any', campaigns('c1', 'c2')), ['bob', 'dan']],
    ['clicked all listed', () => where('email.clicked', 'all', campaigns('c2')), ['dan']],
    [
      'clicked none listed',
      () => where('email.clicked', 'none', campaigns('c1', 'c2')),
      ['ada', 'cleo', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
  ]);
});

describe('segment in / notIn (live, recursive: A uses B uses C)', () => {
  check([
    ['in C', () => where('segment', 'in', [seg.C]), ['ada', 'finn', 'kim']],
    ['in B (uses C)', () => where('segment', 'in', [seg.B]), ['ada', 'bob', 'cleo', 'finn', 'gus', 'kim']],
    ['in A (uses B, which uses C)', () => where('segment', 'in', [seg.A]), ['ada', 'bob', 'cleo', 'finn', 'gus']],
    ['notIn A', () => where('segment', 'notIn', [seg.A]), ['dan', 'eve', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    ['in A or C', () => where('segment', 'in', [seg.A, seg.C]), ['ada', 'bob', 'cleo', 'finn', 'gus', 'kim']],
    ['notIn A and C', () => where('segment', 'notIn', [seg.A, seg.C]), ['dan', 'eve', 'hana', 'ivan', 'jade', 'leo']],
    ['in A, notIn C', () => and(rule('segment', 'in', [seg.A]), rule('segment', 'notIn', [seg.C])), ['bob', 'cleo', 'gus']],
  ]);

  it('a saved segment counts and previews by documentId', async () => {
    expect(await fx.count(seg.A)).toBe(5);
    expect(await fx.membersOf(seg.A)).toEqual(['ada', 'bob', 'cleo', 'finn', 'gus']);
    expect(await fx.membersOf(seg.B)).toEqual(['ada', 'bob', 'cleo', 'finn', 'gus', 'kim']);
  });
});

describe('groups: and / or / not', () => {
  check([
    ['an empty group matches everyone', () => and(), ALL],
    ['an empty or group matches everyone', () => or(), ALL],
    ['a negated empty group matches no one', () => not(and()), NOBODY],
    ['not', () => not(where('lifecycleStage', '=', 'customer')), ['bob', 'cleo', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo']],
    [
      'not and',
      () => not(and(rule('company.country', '=', 'Germany'), rule('leadScore', '>', 50))),
      ['bob', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    [
      'not or',
      () => not(or(rule('lifecycleStage', '=', 'lead'), rule('leadScore', '>=', 90))),
      ['dan', 'eve', 'hana', 'ivan', 'jade', 'leo'],
    ],
    [
      'nested nots',
      () =>
        and(not(or(rule('lifecycleStage', '=', 'lead'), rule('lifecycleStage', '=', 'customer'))), {
          combinator: 'or',
          not: true,
          rules: [not(and(rule('company', 'notNull')))],
        }),
      ['finn', 'hana', 'ivan'],
    ],
    [
      'not of a sub-query is its none',
      () => not(and(sub('deals', 'some', undefined, rule('stage', '=', 'closed_won')))),
      ['bob', 'eve', 'finn', 'gus', 'hana', 'ivan', 'jade', 'kim', 'leo'],
    ],
    ['an empty group inside and', () => and(or(), rule('lastName', '=', 'müller')), ['ada', 'bob']],
    ['a negated empty group inside or', () => or(not(and()), rule('lastName', '=', 'müller')), ['ada', 'bob']],
    [
      'ids never change meaning',
      () => ({ combinator: 'and', id: 'root', rules: [{ id: 'r1', field: 'lastName', operator: '=', value: 'müller' }] }),
      ['ada', 'bob'],
    ],
  ]);
});

describe('every negative operator is the exact complement of its positive twin', () => {
  // [field, positive, negative, value]
  const twins: Array<[string, string, string, () => unknown]> = [
    ['lastName', '=', '!=', () => 'müller'],
    ['lastName', 'contains', 'doesNotContain', () => 'll'],
    ['lastName', 'beginsWith', 'doesNotBeginWith', () => 'S'],
    ['lastName', 'endsWith', 'doesNotEndWith', () => 'ÖM'],
    ['lastName', 'in', 'notIn', () => ['smith', 'müller']],
    ['lastName', 'notNull', 'null', () => undefined],
    ['jobTitle', 'contains', 'doesNotContain', () => '_'],
    ['email', 'endsWith', 'doesNotEndWith', () => '.FR'],
    ['email', 'notNull', 'null', () => undefined],
    ['lifecycleStage', '=', '!=', () => 'lead'],
    ['lifecycleStage', 'in', 'notIn', () => ['lead', 'customer']],
    ['lifecycleStage', 'contains', 'doesNotContain', () => 'sql'],
    ['lifecycleStage', 'notNull', 'null', () => undefined],
    ['leadScore', '=', '!=', () => 50],
    ['leadScore', 'between', 'notBetween', () => [10, 90]],
    ['leadScore', 'in', 'notIn', () => [0, 99, 100]],
    ['leadScore', 'notNull', 'null', () => undefined],
    ['unsubscribed', '=', '!=', () => false],
    ['unsubscribed', 'notNull', 'null', () => undefined],
    ['createdAt', '=', '!=', () => fx.clock.day(-120)],
    ['createdAt', 'between', 'notBetween', () => ['now-100d', 'now-5d']],
    ['company', '=', '!=', () => fx.companies.lyon],
    ['company', 'in', 'notIn', () => [fx.companies.berlin, fx.companies.nullco]],
    ['company', 'notNull', 'null', () => undefined],
    ['company.country', '=', '!=', () => 'france'],
    ['company.country', 'contains', 'doesNotContain', () => 'MANY'],
    ['company.name', 'beginsWith', 'doesNotBeginWith', () => 'p'],
    ['company.name', 'endsWith', 'doesNotEndWith', () => 'é'],
    ['company.country', 'in', 'notIn', () => ['Germany']],
    ['company.country', 'notNull', 'null', () => undefined],
    ['company.tier', '=', '!=', () => 'smb'],
    ['company.employees', 'between', 'notBetween', () => [100, 150]],
    ['company.employees', 'in', 'notIn', () => [100]],
    ['company.employees', '=', '!=', () => 500],
    ['company.employees', 'notNull', 'null', () => undefined],
    ['lastActivityAt', '=', '!=', () => fx.clock.at(-25).toISOString()],
    ['lastActivityAt', 'between', 'notBetween', () => ['now-1y', 'now-30d']],
    ['lastActivityAt', 'notNull', 'null', () => undefined],
    ['segment', 'in', 'notIn', () => [seg.B]],
    ['email.opened', 'any', 'none', () => ({ last: 2 })],
    ['email.clicked', 'any', 'none', () => campaigns('c1', 'c3')],
  ];
  it.each(twins)('%s %s / %s', async (field, positive, negative, value) => {
    const pos = await fx.membersOf(where(field, positive, value()));
    const neg = await fx.membersOf(where(field, negative, value()));
    expect(neg).toEqual(fx.complement(pos));
    expect(pos.length).toBeGreaterThan(0);
    expect(neg.length).toBeGreaterThan(0);
  });

  // On a related record's field the twins split the records: `none {positive}` = `all {negative}`.
  const recordTwins: Array<[string, string, string, string, () => unknown]> = [
    ['deals', 'amount', '=', '!=', () => 1500.5],
    ['deals', 'amount', 'between', 'notBetween', () => [250, 20000]],
    ['deals', 'amount', 'in', 'notIn', () => [0.99, 300]],
    ['deals', 'amount', 'notNull', 'null', () => undefined],
    ['deals', 'closeDate', '=', '!=', () => fx.clock.day(-45)],
    ['deals', 'closeDate', 'between', 'notBetween', () => ['now-1y', 'now']],
    ['deals', 'closeDate', 'notNull', 'null', () => undefined],
    ['deals', 'stage', 'in', 'notIn', () => ['closed_won']],
    ['deals', 'name', 'contains', 'doesNotContain', () => 'acme'],
    ['deals', 'company', '=', '!=', () => fx.companies.acme],
    ['activities', 'occurredAt', 'notNull', 'null', () => undefined],
    ['emailEvents', 'campaign', 'in', 'notIn', () => [fx.campaigns.c3]],
  ];
  it.each(recordTwins)('%s.%s %s / %s', async (field, subField, positive, negative, value) => {
    const none = await fx.membersOf(and(sub(field, 'none', undefined, rule(subField, positive, value()))));
    const all = await fx.membersOf(and(sub(field, 'all', undefined, rule(subField, negative, value()))));
    expect(all).toEqual(none);
    const somePos = await fx.count(and(sub(field, 'some', undefined, rule(subField, positive, value()))));
    expect(somePos).toBe(12 - none.length);
  });
});

describe('invalid values are refused (400), never evaluated', () => {
  const invalid: Array<[string, () => Tree]> = [
    ['an empty text value', () => where('lastName', '=', '')],
    ['an empty text value in a list', () => where('lastName', 'in', ['müller', ''])],
    ['an enumeration value that is not an option', () => where('lifecycleStage', '=', 'cust')],
    ['an enumeration value in a sub-query that is not an option', () => and(sub('deals', 'some', undefined, rule('stage', '=', 'won')))],
    ['a malformed number', () => where('leadScore', '=', '1e3')],
    ['a number that is not a number', () => where('leadScore', '>', 'ten')],
    ['between with one bound', () => where('leadScore', 'between', [1])],
    ['a malformed date', () => where('createdAt', '>', 'yesterday')],
    ['date math with an unknown unit', () => where('createdAt', '>', 'now-3q')],
    ['a boolean as a string', () => where('unsubscribed', '=', 'true')],
    ['an empty campaigns list', () => where('email.opened', 'any', { campaigns: [] })],
    ['last 0', () => where('email.opened', 'any', { last: 0 })],
    ['a to-many rule without match', () => where('deals', 'matches', { combinator: 'and', rules: [] })],
    ['a threshold mode without threshold', () => and({ ...sub('deals', 'atLeast', undefined) })],
    ['match on a scalar field', () => and({ field: 'leadScore', operator: '=', value: 1, match: { mode: 'some' } })],
    ['an unknown segment', () => where('segment', 'in', ['nope'])],
    ['an unknown field', () => where('favouriteColour', '=', 'blue')],
  ];
  it.each(invalid)('%s', async (_name, tree) => {
    await expect(segmentsService(t.strapi).preview(tree(), { limit: 1 })).rejects.toMatchObject({ status: 400 });
  });

  it('an enumeration option in another case is valid', async () => {
    expect(await fx.membersOf(where('lifecycleStage', '=', 'Customer'))).toEqual(['ada', 'dan', 'eve']);
  });
});

describe('over HTTP: POST /segments/preview answers what the service answers', () => {
  it('returns the same count and contacts, newest first', async () => {
    const admin = await createAdminAndLogin(t.strapi, t.request);
    const tree = and(
      rule('lastName', 'in', ['müller', 'muller', 'smith']),
      sub('deals', 'some', undefined),
      rule('email.opened', 'any', { last: 1 }),
    );
    // ada (MÜLLER, deals, opened c3), bob (müller, d3, opened c3), cleo (Muller, deals, opened c3), finn (smith, deals, opened c3)
    const res = await t.request.post('/segments/preview').set(admin.headers).send({ filters: tree, limit: 100 });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(4);
    // newest first: finn (-90d), cleo (-150d), bob (-200d), ada (-300d)
    expect(res.body.contacts.map((c: { documentId: string }) => fx.keyOf(c.documentId))).toEqual(['finn', 'cleo', 'bob', 'ada']);
    expect(res.body.contacts[0]).toMatchObject({ name: 'Zoe smith', email: 'finn_1@paris-sante.fr', company: 'Paris Santé' });

    const bad = await t.request
      .post('/segments/preview')
      .set(admin.headers)
      .send({ filters: where('lastName', '=', '') });
    expect(bad.status).toBe(400);
  });
});

// These change the data: they run last.
describe('live data (runs last: adds records)', () => {
  it('breaks a sentAt tie by the later-created campaign', async () => {
    const sentAt = fx.clock.at(-1);
    // c6 is created first (lower id) but carries the later createdAt: the tie goes to c6, not to the higher id.
    await fx.add({
      campaigns: {
        c6: { name: 'Tie (created later)', sentAt, createdAt: fx.clock.at(-2, 1) },
        c5: { name: 'Tie (created earlier)', sentAt, createdAt: fx.clock.at(-2) },
      },
      emailEvents: [
        { contact: 'leo', campaign: 'c6', type: 'opened', occurredAt: fx.clock.at(-1) },
        { contact: 'jade', campaign: 'c5', type: 'opened', occurredAt: fx.clock.at(-1) },
      ],
    });
    expect(await fx.membersOf(where('email.opened', 'any', { last: 1 }))).toEqual(['leo']);
    expect(await fx.membersOf(where('email.opened', 'any', { last: 2 }))).toEqual(['jade', 'leo']);
    // last 3 is now c6 c5 c3
    expect(await fx.membersOf(where('email.opened', 'any', { last: 3 }))).toEqual(['ada', 'bob', 'cleo', 'dan', 'finn', 'jade', 'leo']);
    expect(await fx.membersOf(where('email.opened', 'all', { last: 3 }))).toEqual([]);
  });

  it('a contact created a second ago is in the segments it matches (A uses B uses C)', async () => {
    expect(await fx.count(seg.A)).toBe(5);
    await fx.add({ contacts: { max: { firstName: 'Max', lastName: 'Neu', leadScore: 95, company: 'lyon' } } });
    expect(await fx.membersOf(seg.C)).toEqual(['ada', 'finn', 'kim', 'max']);
    expect(await fx.membersOf(seg.A)).toEqual(['ada', 'bob', 'cleo', 'finn', 'gus', 'max']);
    expect(await fx.membersOf(where('segment', 'notIn', [seg.A]))).toEqual(['dan', 'eve', 'hana', 'ivan', 'jade', 'kim', 'leo']);
  });

  it('lowercases as JavaScript does beyond Latin: a final sigma, the capital sharp s', async () => {
    // 'ΠΑΠΑΔΟΠΟΥΛΟΣ'.toLowerCase() === 'παπαδοπουλος' (final ς); 'GROẞ'.toLowerCase() === 'groß'
    await fx.add({
      contacts: { nikos: { firstName: 'Nikos', lastName: 'ΠΑΠΑΔΟΠΟΥΛΟΣ' }, grete: { firstName: 'Grete', lastName: 'GROẞ' } },
    });
    expect(await fx.membersOf(where('lastName', '=', 'Παπαδοπουλος'))).toEqual(['nikos']);
    expect(await fx.membersOf(where('lastName', 'endsWith', 'ΟΥΛΟς'))).toEqual(['nikos']);
    expect(await fx.membersOf(where('lastName', '=', 'groß'))).toEqual(['grete']);
    expect(await fx.membersOf(where('lastName', 'contains', 'ß'))).toEqual(['dan', 'grete']);
  });
});
