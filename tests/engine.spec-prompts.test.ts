/**
 * The five example prompts, each with the tree playground/scripts/spec-prompts.ts gives for it (written out as JSON), on a
 * hand-made CRM built for them: the contacts each tree must select, and near misses it must leave out.
 * Evaluated by the real engine through the segments service, over HTTP (POST /segments/preview) and as
 * saved segments, on the database of DATABASE_CLIENT.
 *
 * Dates are relative to the fixture's clock (`-45d` = 45 days before it) and kept days away from every
 * boundary a tree uses (now-60d, now-30d, now-90d).
 * Campaigns: c0 sent -120d · cA sent -60d · cB sent -20d · cC sent -5d (the last) · cD scheduled +2d · cDraft unsent
 *   → last 1 = cC; last 3 = cC cB cA.
 * Every contact outside the P1 group has a call 3 days ago, so the P1 tree selects only P1's contacts.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { createCrmFixture, type Clock, type CrmFixture, type FixtureSpec } from './support/crm-fixture';
import { SPEC_PROMPTS } from '../playground/scripts/spec-prompts';

jest.setTimeout(180_000);

let t: TestStrapi;
let fx: CrmFixture;
let admin: AdminSession;

function fixture(clock: Clock): FixtureSpec {
  const ago = (days: number) => clock.at(-days);
  const day = clock.day;
  const spec: FixtureSpec = {
    companies: {
      medA: { name: 'St. Marien Klinikum', industry: 'healthcare', country: 'Germany', tier: 'mid_market', employees: 80 },
      medB: { name: 'Clinique du Lac', industry: 'healthcare', country: 'Switzerland', tier: 'smb', employees: 30 },
      frHealth: { name: 'Marseille Santé', industry: 'healthcare', country: 'France', tier: 'smb', employees: 20 },
      techDE: { name: 'Berlin Tech AG', industry: 'technology', country: 'Germany', tier: 'enterprise', employees: 2000 },
      techDE2: { name: 'München Industrie', industry: 'manufacturing', country: 'germany', tier: 'enterprise', employees: 900 },
      smbDE: { name: 'Kleine GmbH', industry: 'technology', country: 'Germany', tier: 'smb', employees: 12 },
      de500: { name: 'Hamburg Logistik', industry: 'other', country: 'Germany', tier: 'mid_market', employees: 500 },
      entFR: { name: 'Lyon Énergie', industry: 'energy', country: 'France', tier: 'enterprise', employees: 5000 },
      fr150: { name: 'Paris Conseil', industry: 'finance', country: 'France', tier: 'mid_market', employees: 150 },
      fr100: { name: 'Nantes Web', industry: 'technology', country: 'France', tier: 'smb', employees: 100 },
      frNull: { name: 'Bordeaux Vins', industry: 'retail', country: 'France', tier: 'smb', employees: null },
      frLower: { name: 'Lille Data', industry: 'technology', country: 'france', tier: 'mid_market', employees: 101 },
      frSpace: { name: 'Toulouse Aéro', industry: 'manufacturing', country: 'France ', tier: 'mid_market', employees: 300 },
    },
    campaigns: {
      c0: { name: 'Old news', sentAt: ago(120), createdAt: ago(125) },
      cA: { name: 'Campaign A', sentAt: ago(60), createdAt: ago(62) },
      cB: { name: 'Campaign B', sentAt: ago(20), createdAt: ago(22) },
      cC: { name: 'Campaign C (last sent)', sentAt: ago(5), createdAt: ago(6) },
      cD: { name: 'Campaign D (scheduled)', sentAt: clock.at(2), createdAt: ago(1) },
      cDraft: { name: 'Draft', sentAt: null, createdAt: ago(1) },
    },
    contacts: {
      // P1: haven't been contacted in 60 days
      p1_none: { firstName: 'Never', lastName: 'Contacted', lifecycleStage: 'subscriber', createdAt: ago(400) },
      p1_old: { firstName: 'Old', lastName: 'Meeting', lifecycleStage: 'subscriber', createdAt: ago(400) },
      p1_older2: { firstName: 'Two', lastName: 'Old', lifecycleStage: 'subscriber', createdAt: ago(400) },
      p1_undated: { firstName: 'Undated', lastName: 'Task', lifecycleStage: 'subscriber', createdAt: ago(400) },
      p1_recent: { firstName: 'Recent', lastName: 'Call', lifecycleStage: 'subscriber', createdAt: ago(400) },
      p1_mixed: { firstName: 'Old and', lastName: 'Recent', lifecycleStage: 'subscriber', createdAt: ago(400) },
      p1_50: { firstName: 'Fifty', lastName: 'Days', lifecycleStage: 'subscriber', createdAt: ago(400) },
      p1_future: { firstName: 'Scheduled', lastName: 'Meeting', lifecycleStage: 'subscriber', createdAt: ago(400) },

      // P2: leads in the healthcare industry with no deal
      p2_in: { firstName: 'Lena', lastName: 'Lead', lifecycleStage: 'lead', company: 'medA', createdAt: ago(100) },
      p2_in2: { firstName: 'Lucie', lastName: 'Lead', lifecycleStage: 'lead', company: 'frHealth', createdAt: ago(100) },
      p2_lostdeal: { firstName: 'Lost', lastName: 'Deal', lifecycleStage: 'lead', company: 'medA', createdAt: ago(300) },
      p2_opendeal: { firstName: 'Open', lastName: 'Deal', lifecycleStage: 'lead', company: 'medB', createdAt: ago(100) },
      p2_customer: { firstName: 'Clara', lastName: 'Customer', lifecycleStage: 'customer', company: 'medA', createdAt: ago(100) },
      p2_tech: { firstName: 'Tim', lastName: 'Tech', lifecycleStage: 'lead', company: 'smbDE', createdAt: ago(100) },
      p2_nocompany: { firstName: 'Nora', lastName: 'Nobody', lifecycleStage: 'lead', createdAt: ago(100) },
      p2_mql: { firstName: 'Max', lastName: 'MQL', lifecycleStage: 'mql', company: 'medB', createdAt: ago(100) },

      // P3: customers who clicked our last campaign but didn't buy
      p3_nodeal: { firstName: 'Cora', lastName: 'Clicked', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_won10: { firstName: 'Wendy', lastName: 'Won10', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_won45: { firstName: 'Walter', lastName: 'Won45', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_lost5: { firstName: 'Lars', lastName: 'Lost5', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_nego: { firstName: 'Nina', lastName: 'Negotiating', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_won_future: { firstName: 'Fred', lastName: 'WonFuture', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_two: { firstName: 'Tess', lastName: 'TwoWins', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_older: { firstName: 'Otto', lastName: 'OlderClick', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_opened: { firstName: 'Olga', lastName: 'OpenedOnly', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_scheduled: { firstName: 'Sam', lastName: 'Scheduled', lifecycleStage: 'customer', createdAt: ago(200) },
      p3_lead: { firstName: 'Leo', lastName: 'LeadClicked', lifecycleStage: 'lead', createdAt: ago(200) },

      // P4: companies with more than 100 employees in France
      p4_150: { firstName: 'Paul', lastName: 'Paris', lifecycleStage: 'opportunity', company: 'fr150', createdAt: ago(50) },
      p4_5000: { firstName: 'Léa', lastName: 'Lyon', lifecycleStage: 'opportunity', company: 'entFR', createdAt: ago(50) },
      p4_lower: { firstName: 'Lou', lastName: 'Lille', lifecycleStage: 'opportunity', company: 'frLower', createdAt: ago(50) },
      p4_100: { firstName: 'Noé', lastName: 'Nantes', lifecycleStage: 'opportunity', company: 'fr100', createdAt: ago(50) },
      p4_null: { firstName: 'Bea', lastName: 'Bordeaux', lifecycleStage: 'opportunity', company: 'frNull', createdAt: ago(50) },
      p4_space: { firstName: 'Théo', lastName: 'Toulouse', lifecycleStage: 'opportunity', company: 'frSpace', createdAt: ago(50) },
      p4_de: { firstName: 'Hans', lastName: 'Hamburg', lifecycleStage: 'opportunity', company: 'de500', createdAt: ago(50) },
      p4_none: { firstName: 'Frank', lastName: 'Freelance', lifecycleStage: 'opportunity', createdAt: ago(50) },

      // P5: enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days
      p5_in: { firstName: 'Erik', lastName: 'Enterprise', lifecycleStage: 'opportunity', company: 'techDE', createdAt: ago(300) },
      p5_in_lower: { firstName: 'Greta', lastName: 'München', lifecycleStage: 'opportunity', company: 'techDE2', createdAt: ago(300) },
      p5_olddeal: { firstName: 'Olaf', lastName: 'OldDeal', lifecycleStage: 'opportunity', company: 'techDE', createdAt: ago(300) },
      p5_newdeal: { firstName: 'Nils', lastName: 'NewDeal', lifecycleStage: 'opportunity', company: 'techDE', createdAt: ago(300) },
      p5_two: { firstName: 'Tom', lastName: 'TwoOfThree', lifecycleStage: 'opportunity', company: 'techDE', createdAt: ago(300) },
      p5_shifted: { firstName: 'Sven', lastName: 'Shifted', lifecycleStage: 'opportunity', company: 'techDE', createdAt: ago(300) },
      p5_old: { firstName: 'Olli', lastName: 'OldCampaign', lifecycleStage: 'opportunity', company: 'techDE', createdAt: ago(300) },
      p5_clicked: { firstName: 'Clemens', lastName: 'ClickedOnly', lifecycleStage: 'opportunity', company: 'techDE', createdAt: ago(300) },
      p5_smb: { firstName: 'Sabine', lastName: 'Small', lifecycleStage: 'opportunity', company: 'smbDE', createdAt: ago(300) },
      p5_france: { firstName: 'Émile', lastName: 'Français', lifecycleStage: 'opportunity', company: 'entFR', createdAt: ago(300) },
    },
    deals: {
      lostOld: { stage: 'closed_lost', amount: 1000, closeDate: day(-280), contacts: ['p2_lostdeal'], createdAt: ago(300) },
      openMedB: { stage: 'appointment', amount: 500, closeDate: day(60), contacts: ['p2_opendeal'], createdAt: ago(40) },
      won10: { stage: 'closed_won', amount: 900, closeDate: day(-10), contacts: ['p3_won10'], createdAt: ago(100) },
      won45: { stage: 'closed_won', amount: 900, closeDate: day(-45), contacts: ['p3_won45', 'p3_two'], createdAt: ago(100) },
      won10b: { stage: 'closed_won', amount: 300, closeDate: day(-10), contacts: ['p3_two'], createdAt: ago(100) },
      lost5: { stage: 'closed_lost', amount: 900, closeDate: day(-5), contacts: ['p3_lost5'], createdAt: ago(100) },
      nego: { stage: 'negotiation', amount: 900, closeDate: day(10), contacts: ['p3_nego'], createdAt: ago(100) },
      wonFuture: { stage: 'closed_won', amount: 900, closeDate: day(5), contacts: ['p3_won_future'], createdAt: ago(100) },
      deOld: { stage: 'closed_won', amount: 50000, closeDate: day(-100), company: 'techDE', contacts: ['p5_olddeal'], createdAt: ago(120) },
      deNew: { stage: 'qualified', amount: 70000, closeDate: day(60), company: 'techDE', contacts: ['p5_newdeal'], createdAt: ago(30) },
    },
    activities: [
      { type: 'meeting', occurredAt: ago(70), contact: 'p1_old' },
      { type: 'call', occurredAt: ago(200), contact: 'p1_older2' },
      { type: 'email', occurredAt: ago(75), contact: 'p1_older2' },
      { type: 'task', occurredAt: null, contact: 'p1_undated' },
      { type: 'call', occurredAt: ago(10), contact: 'p1_recent' },
      { type: 'call', occurredAt: ago(200), contact: 'p1_mixed' },
      { type: 'email', occurredAt: ago(30), contact: 'p1_mixed' },
      { type: 'note', occurredAt: ago(50), contact: 'p1_50' },
      { type: 'meeting', occurredAt: clock.at(5), contact: 'p1_future' },
    ],
    emailEvents: [
      // P3
      ...['p3_nodeal', 'p3_won10', 'p3_won45', 'p3_lost5', 'p3_nego', 'p3_won_future', 'p3_two', 'p3_lead'].flatMap((contact) => [
        { contact, campaign: 'cC', type: 'opened', occurredAt: ago(4) },
        { contact, campaign: 'cC', type: 'clicked', occurredAt: ago(4) },
      ]),
      { contact: 'p3_older', campaign: 'cB', type: 'clicked', occurredAt: ago(19) },
      { contact: 'p3_older', campaign: 'cC', type: 'opened', occurredAt: ago(4) },
      { contact: 'p3_opened', campaign: 'cC', type: 'opened', occurredAt: ago(4) },
      { contact: 'p3_scheduled', campaign: 'cD', type: 'clicked', occurredAt: ago(1) }, // a test send
      { contact: 'p3_scheduled', campaign: 'cDraft', type: 'clicked', occurredAt: ago(1) },
      // P5
      ...['p5_in', 'p5_olddeal', 'p5_newdeal', 'p5_smb', 'p5_france'].flatMap((contact) =>
        ['cA', 'cB', 'cC'].map((campaign) => ({ contact, campaign, type: 'opened', occurredAt: ago(3) })),
      ),
      ...['c0', 'cA', 'cB', 'cC', 'cD'].map((campaign) => ({ contact: 'p5_in_lower', campaign, type: 'opened', occurredAt: ago(3) })),
      ...['cB', 'cC'].map((campaign) => ({ contact: 'p5_two', campaign, type: 'opened', occurredAt: ago(3) })),
      ...['cB', 'cC', 'cD'].map((campaign) => ({ contact: 'p5_shifted', campaign, type: 'opened', occurredAt: ago(3) })),
      ...['c0', 'cB', 'cC'].map((campaign) => ({ contact: 'p5_old', campaign, type: 'opened', occurredAt: ago(3) })),
      ...['cA', 'cB', 'cC'].map((campaign) => ({ contact: 'p5_clicked', campaign, type: 'clicked', occurredAt: ago(3) })),
      { contact: 'p5_two', campaign: 'cA', type: 'delivered', occurredAt: ago(60) },
    ],
  };
  // Everyone outside P1 was called 3 days ago.
  for (const key of Object.keys(spec.contacts!)) {
    if (!key.startsWith('p1_')) (spec.activities as unknown[]).push({ type: 'call', occurredAt: ago(3), contact: key });
  }
  return spec;
}

interface Prompt {
  prompt: string;
  tree: unknown;
  members: string[];
  /** contacts the tree must leave out, and why */
  nearMisses: Record<string, string>;
}

const PROMPTS: Prompt[] = [
  {
    prompt: "Contacts who haven't been contacted in 60 days",
    // activities none with occurredAt ≥ now-60d
    tree: {
      combinator: 'and',
      rules: [
        {
          field: 'activities',
          operator: 'matches',
          match: { mode: 'none' },
          value: { combinator: 'and', rules: [{ field: 'occurredAt', operator: '>=', value: 'now-60d' }] },
        },
      ],
    },
    members: ['p1_none', 'p1_old', 'p1_older2', 'p1_undated'],
    nearMisses: {
      p1_recent: 'a call 10 days ago',
      p1_mixed: 'an old call, but an email 30 days ago',
      p1_50: 'a note 50 days ago',
      p1_future: 'a meeting scheduled in 5 days',
    },
  },
  {
    prompt: 'Leads in the healthcare industry with no deal',
    // lifecycleStage = lead AND company.industry = healthcare AND deals none (empty sub-group)
    tree: {
      combinator: 'and',
      rules: [
        { field: 'lifecycleStage', operator: '=', value: 'lead' },
        { field: 'company.industry', operator: '=', value: 'healthcare' },
        { field: 'deals', operator: 'matches', match: { mode: 'none' }, value: { combinator: 'and', rules: [] } },
      ],
    },
    members: ['p2_in', 'p2_in2'],
    nearMisses: {
      p2_lostdeal: 'a healthcare lead with a (lost, old) deal',
      p2_opendeal: 'a healthcare lead with an open deal',
      p2_customer: 'healthcare, no deal, but a customer',
      p2_tech: 'a lead with no deal, in technology',
      p2_nocompany: 'a lead with no deal and no company',
      p2_mql: 'healthcare, no deal, but an MQL',
    },
  },
  {
    prompt: "Customers who clicked our last campaign but didn't buy",
    // lifecycleStage = customer AND email.clicked any {last: 1} AND deals none {stage = closed_won, closeDate ≥ now-30d}
    tree: {
      combinator: 'and',
      rules: [
        { field: 'lifecycleStage', operator: '=', value: 'customer' },
        { field: 'email.clicked', operator: 'any', value: { last: 1 } },
        {
          field: 'deals',
          operator: 'matches',
          match: { mode: 'none' },
          value: {
            combinator: 'and',
            rules: [
              { field: 'stage', operator: '=', value: 'closed_won' },
              { field: 'closeDate', operator: '>=', value: 'now-30d' },
            ],
          },
        },
      ],
    },
    members: ['p3_lost5', 'p3_nego', 'p3_nodeal', 'p3_won45'],
    nearMisses: {
      p3_won10: 'clicked the last campaign, but a deal closed_won 10 days ago',
      p3_won_future: 'clicked, but a deal closed_won with a close date in 5 days',
      p3_two: 'clicked, a deal won 45 days ago and another won 10 days ago',
      p3_older: 'clicked an older campaign, only opened the last',
      p3_opened: 'opened the last campaign without clicking',
      p3_scheduled: 'clicked a scheduled campaign and a draft, not the last sent one',
      p3_lead: 'clicked the last campaign, no deal, but a lead',
    },
  },
  {
    prompt: 'Companies with more than 100 employees in France',
    // company.employees > 100 AND company.country = France
    tree: {
      combinator: 'and',
      rules: [
        { field: 'company.employees', operator: '>', value: 100 },
        { field: 'company.country', operator: '=', value: 'France' },
      ],
    },
    members: ['p4_150', 'p4_5000', 'p4_lower', 'p5_france'],
    nearMisses: {
      p4_100: 'exactly 100 employees',
      p4_null: 'a French company with no employee count',
      p4_space: 'country "France " (trailing space) is not "France"',
      p4_de: '500 employees, in Germany',
      p4_none: 'no company',
      p2_in2: 'a French company of 20 employees',
    },
  },
  {
    prompt: 'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days',
    // company.tier = enterprise AND company.country = Germany AND email.opened all {last: 3} AND deals none {createdAt ≥ now-90d}
    tree: {
      combinator: 'and',
      rules: [
        { field: 'company.tier', operator: '=', value: 'enterprise' },
        { field: 'company.country', operator: '=', value: 'Germany' },
        { field: 'email.opened', operator: 'all', value: { last: 3 } },
        {
          field: 'deals',
          operator: 'matches',
          match: { mode: 'none' },
          value: { combinator: 'and', rules: [{ field: 'createdAt', operator: '>=', value: 'now-90d' }] },
        },
      ],
    },
    members: ['p5_in', 'p5_in_lower', 'p5_olddeal'],
    nearMisses: {
      p5_two: 'opened only 2 of the last 3 campaigns',
      p5_shifted: 'opened the last 2 and the scheduled one, which is not sent',
      p5_old: 'opened an older campaign instead of the third-to-last',
      p5_clicked: 'clicked the last 3 without an open event',
      p5_newdeal: 'a deal created 30 days ago',
      p5_smb: 'opened the last 3, in Germany, but smb',
      p5_france: 'opened the last 3, enterprise, but in France',
    },
  },
];

beforeAll(async () => {
  t = await setupStrapi();
  fx = await createCrmFixture(t.strapi, fixture);
  admin = await createAdminAndLogin(t.strapi, t.request);
});

afterAll(async () => {
  await teardownStrapi();
});

it('are the trees the demo seeds and the bench times (playground/scripts/spec-prompts.ts)', () => {
  expect(SPEC_PROMPTS.map((p) => p.filters)).toEqual(PROMPTS.map((p) => p.tree));
  expect(SPEC_PROMPTS.map((p) => p.prompt.toLowerCase())).toEqual(PROMPTS.map((p) => p.prompt.toLowerCase()));
});

it('builds the fixture the prompts need', () => {
  expect(fx.allContacts).toHaveLength(45);
  for (const p of PROMPTS) {
    for (const key of [...p.members, ...Object.keys(p.nearMisses)])
      expect([p.prompt, fx.contacts[key]]).toEqual([p.prompt, expect.any(String)]);
  }
});

describe.each(PROMPTS.map((p) => [p.prompt, p] as const))('%s', (_prompt, p) => {
  it('selects exactly its contacts (and the near misses are not among them)', async () => {
    const members = await fx.membersOf(p.tree);
    expect(members).toEqual([...p.members].sort());
    for (const [key, reason] of Object.entries(p.nearMisses)) {
      expect([key, members.includes(key)]).toEqual([key, false]); // reason: see nearMisses
      expect(reason).toBeTruthy();
    }
  });

  it('its NOT selects every other contact', async () => {
    expect(await fx.membersOf({ combinator: 'and', not: true, rules: [p.tree] })).toEqual(fx.complement(p.members));
  });

  it('answers the same over HTTP (POST /segments/preview)', async () => {
    const res = await t.request.post('/segments/preview').set(admin.headers).send({ filters: p.tree, limit: 100 });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(p.members.length);
    expect(res.body.contacts.map((c: { documentId: string }) => fx.keyOf(c.documentId)).sort()).toEqual([...p.members].sort());
  });

  it('answers the same saved as a segment', async () => {
    const documentId = await fx.createSegment(p.prompt.slice(0, 60), p.tree);
    expect(await fx.count(documentId)).toBe(p.members.length);
    expect(await fx.membersOf(documentId)).toEqual([...p.members].sort());
  });
});
