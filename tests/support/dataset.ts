/**
 * A small, seeded, adversarial CRM dataset for the property-based test of docs/semantics.md, and the loader that
 * writes it into a booted Strapi.
 *
 *   const ds = generateDataset({ seed: 7 });          // pure: same seed + anchor → same data
 *   const ids = await loadDataset(strapi, ds);          // documentIds and ids by record key
 *
 * Every record has a stable `key` ("contact:3", "deal:0", ...). Relations are held by key; the loader
 * returns the key → documentId / id maps the reference evaluator (tests/support/reference.ts) needs for
 * relation fields (`company`, `campaign`) and for the campaign tie-break by id.
 *
 * The values are chosen to break a naive SQL compiler: nulls next to empty strings, mixed case,
 * non-ASCII letters (Müller / MÜLLER / Muller, Zoë / Zoe / ZOË, Łukasz, José, Straße / STRASSE),
 * `%`, `_` and `\` inside values (LIKE metacharacters, MySQL's default LIKE escape), leading and
 * trailing spaces (MySQL's PAD SPACE collations), two different emoji (equal under some MySQL Unicode
 * collations), equal timestamps, values at exactly UTC midnight, contacts without company / deals /
 * activities / events, orphan deals / activities / events, events without campaign, campaigns whose
 * `sentAt` ties (broken by createdAt, then id), lies in the future, or is missing.
 * Characters whose lowercasing differs between JavaScript and databases ('İ', final sigma, 'ẞ') are avoided.
 *
 * Datetimes are epoch milliseconds relative to `anchor` (the real clock at generation time by default:
 * the engine evaluates date math with the real clock, so "now-30d" must mean something for this data).
 */
import type { Core } from '@strapi/strapi';

export type Key = string;
export type Millis = number;

export interface CompanyRow {
  key: Key;
  name: string | null;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  country: string | null;
  revenueRange: string | null;
  tier: string | null;
  createdAt: Millis;
  updatedAt: Millis;
}

export interface ContactRow {
  key: Key;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  lifecycleStage: string | null;
  leadScore: number | null;
  source: string | null;
  unsubscribed: boolean | null;
  company: Key | null;
  tags: Key[];
  createdAt: Millis;
  updatedAt: Millis;
}

export interface DealRow {
  key: Key;
  name: string | null;
  stage: string | null;
  amount: number | null;
  owner: string | null;
  /** YYYY-MM-DD */
  closeDate: string | null;
  company: Key | null;
  contacts: Key[];
  createdAt: Millis;
  updatedAt: Millis;
}

export interface ActivityRow {
  key: Key;
  type: string | null;
  subject: string | null;
  occurredAt: Millis | null;
  contact: Key | null;
  createdAt: Millis;
  updatedAt: Millis;
}

export interface CampaignRow {
  key: Key;
  name: string | null;
  subject: string | null;
  sentAt: Millis | null;
  createdAt: Millis;
  updatedAt: Millis;
}

export interface EmailEventRow {
  key: Key;
  type: string | null;
  occurredAt: Millis | null;
  contact: Key | null;
  campaign: Key | null;
  createdAt: Millis;
  updatedAt: Millis;
}

export interface TagRow {
  key: Key;
  name: string | null;
  createdAt: Millis;
  updatedAt: Millis;
}

export interface Dataset {
  seed: number;
  /** the instant the relative dates were generated against */
  anchor: Millis;
  tags: TagRow[];
  companies: CompanyRow[];
  campaigns: CampaignRow[];
  contacts: ContactRow[];
  deals: DealRow[];
  activities: ActivityRow[];
  emailEvents: EmailEventRow[];
}

/** documentId and database id of every loaded record, by key. */
export interface LoadedIds {
  documentId: Record<Key, string>;
  id: Record<Key, number>;
}

/** Enumeration options of the playground (README, "Install in your own Strapi"). */
export const ENUMS = {
  lifecycleStage: ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist'],
  source: ['website', 'referral', 'event', 'paid', 'outbound', 'import'],
  industry: ['technology', 'healthcare', 'finance', 'manufacturing', 'retail', 'education', 'energy', 'media', 'other'],
  revenueRange: ['under_1m', 'from_1m_to_10m', 'from_10m_to_50m', 'from_50m_to_250m', 'over_250m'],
  tier: ['smb', 'mid_market', 'enterprise'],
  dealStage: ['appointment', 'qualified', 'proposal', 'negotiation', 'closed_won', 'closed_lost'],
  activityType: ['call', 'email', 'meeting', 'note', 'task'],
  emailEventType: ['delivered', 'opened', 'clicked', 'bounced', 'unsubscribed'],
} as const;

export const UIDS = {
  tags: 'api::tag.tag',
  companies: 'api::company.company',
  campaigns: 'api::campaign.campaign',
  contacts: 'api::contact.contact',
  deals: 'api::deal.deal',
  activities: 'api::activity.activity',
  emailEvents: 'api::email-event.email-event',
} as const;

export type Collection = keyof typeof UIDS;
/** Creation order: targets before the records pointing at them. */
export const COLLECTIONS: Collection[] = ['tags', 'companies', 'campaigns', 'contacts', 'deals', 'activities', 'emailEvents'];

/* ------------------------------------------------------------------------------------------------
 * Seeded randomness
 * ---------------------------------------------------------------------------------------------- */

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  sample<T>(items: readonly T[], n: number): T[];
}

export function rng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const self: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    sample: (items, n) => self.shuffle(items).slice(0, Math.max(0, Math.min(n, items.length))),
  };
  return self;
}

/* ------------------------------------------------------------------------------------------------
 * Value pools
 * ---------------------------------------------------------------------------------------------- */

const FIRST_NAMES = [
  'Zoë',
  'Zoe',
  'ZOË',
  'zoë',
  'Zoe\u0308' /* Zoë decomposed (NFD) */,
  'José',
  'Jose',
  'JOSÉ',
  'Łukasz',
  'ŁUKASZ',
  'łukasz',
  'Anna',
  'ANNA',
  'anna',
  ' Anna',
  'Anna ',
  'Émile',
  'Ørjan',
  'Åsa',
  'Jürgen',
  'JÜRGEN',
  'Дмитрий',
  'ДМИТРИЙ',
  '李',
  'Çelik',
  "O'Brien",
  '50%',
  'a_b',
  'a%b',
  'axb',
  'back\\slash',
  '🚀',
  '🎉',
  'Ñoño',
];
const LAST_NAMES = [
  'Müller',
  'MÜLLER',
  'müller',
  'Muller',
  'Mueller',
  'Straße',
  'STRASSE',
  'Strasse',
  'Weiß',
  'García',
  'Garcia',
  'GARCÍA',
  'Smith',
  'SMITH',
  'smith',
  'Nguyễn',
  'NGUYỄN',
  'under_score',
  'underXscore',
  'per%cent',
  'per cent',
  "O'Connor",
  'Łukaszewicz',
  'Dvořák',
  'DVOŘÁK',
];
const EMAIL_LOCALS = ['zoe', 'ZOE', 'jose.garcia', 'lukasz_k', 'lukaszXk', 'percent%sign', 'anna+news', 'mueller', 'MÜLLER', 'x'];
const EMAIL_DOMAINS = ['example.com', 'Example.COM', 'firma.de', 'acme.io', 'müller.de', 'under_score.org'];
const PHONES = ['+49 30 1234', '+1 555 0100', '555_0100', '555%0100', '0049-30-1234'];
const JOB_TITLES = [
  'CEO',
  'ceo',
  'Ceo ',
  'Head of Sales',
  'HEAD OF SALES',
  'VP_Sales',
  'VP Sales',
  '100% remote',
  'Café Owner',
  'CAFÉ OWNER',
  'Cafe Owner',
  'Geschäftsführer',
  'back\\office',
];
const COMPANY_NAMES = [
  'Müller GmbH',
  'MÜLLER AG',
  'Acme',
  'Acme ',
  'acme inc',
  'Zoë & Co',
  '50% Off Ltd',
  'Under_Score',
  'Łódź Tech',
  'Straße AG',
  '🚀 Rockets',
  '🎉 Party',
];
const DOMAINS = ['mueller.de', 'ACME.com', 'acme.com', 'zoe.co', '50off.co.uk', 'under_score.io', 'lodz.pl'];
const COUNTRIES = [
  'Germany',
  'germany',
  'GERMANY',
  'France',
  'Österreich',
  'ÖSTERREICH',
  'Osterreich',
  'España',
  'Espana',
  'Polska',
  'United Kingdom',
];
const DEAL_NAMES = [
  'Renewal 2025',
  'renewal_2025',
  'Renewal%2025',
  'Big%Deal',
  'Größe',
  'GRÖSSE',
  'Upsell',
  'UPSELL ',
  'Zoë pilot',
  'back\\slash deal',
];
const OWNERS = ['rep@acme.io', 'REP@ACME.IO', 'anna_rep@acme.io', 'zoë@acme.io', 'ZOË@ACME.IO'];
const SUBJECTS = [
  'Intro call',
  'INTRO CALL',
  'Follow-up',
  'follow_up',
  'Demo 100%',
  'Müller meeting',
  'MÜLLER MEETING',
  'Zoe sync',
  'Zoë sync',
];
const TAG_NAMES = ['VIP', 'vip', 'Früh', 'FRÜH', 'beta_tester', '50%', 'Zoë fan', 'Zoe fan'];

/** A text attribute's value: usually from the pool, sometimes null or "". */
function text(r: Rng, pool: readonly string[], pNull = 0.12, pEmpty = 0.08): string | null {
  const x = r.next();
  if (x < pNull) return null;
  if (x < pNull + pEmpty) return '';
  return r.pick(pool);
}

function enumValue(r: Rng, options: readonly string[], pNull = 0.1): string | null {
  return r.chance(pNull) ? null : r.pick(options);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function utcDay(ms: Millis): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/* ------------------------------------------------------------------------------------------------
 * Generation
 * ---------------------------------------------------------------------------------------------- */

export interface GenerateOptions {
  seed: number;
  /** the instant relative dates are generated against; default Date.now() */
  anchor?: Millis;
}

/** UTC midnight to the midnights of Europe/Berlin (winter, summer), America/New_York (summer, winter) and Asia/Kathmandu. */
const ZONE_MIDNIGHTS = [0, 0, 0, -HOUR, -2 * HOUR, 4 * HOUR, 5 * HOUR, -(5 * HOUR + 45 * 60_000)];

export function generateDataset({ seed, anchor = Date.now() }: GenerateOptions): Dataset {
  const r = rng(seed);
  const usedTimestamps: Millis[] = [];
  const midnight = Date.UTC(new Date(anchor).getUTCFullYear(), new Date(anchor).getUTCMonth(), new Date(anchor).getUTCDate());
  /** Days back from the anchor's day to the first day of its day, tomorrow, week, month, last month, quarter, last quarter and year. */
  const periodStarts = ((d: Date) => {
    const back = (y: number, m: number, day = 1) => Math.round((midnight - Date.UTC(y, m, day)) / DAY);
    const [y, m] = [d.getUTCFullYear(), d.getUTCMonth()];
    return [0, -1, (d.getUTCDay() + 6) % 7, back(y, m), back(y, m - 1), back(y, m - (m % 3)), back(y, m - (m % 3) - 3), back(y, 0)];
  })(new Date(anchor));

  /** A timestamp within about [-400d, +20d] of the anchor, with ties, midnights and ms precision. */
  const timestamp = (): Millis => {
    const x = r.next();
    let t: Millis;
    if (x < 0.15 && usedTimestamps.length > 0) return r.pick(usedTimestamps); // an equal timestamp
    if (x < 0.3)
      // exactly midnight in UTC or a zone the property test runs in, often the first day of a period date math rounds to
      t = midnight - (r.chance(0.5) ? r.pick(periodStarts) : r.int(-10, 400)) * DAY + r.pick(ZONE_MIDNIGHTS);
    else if (x < 0.35)
      t = r.pick([Date.UTC(2001, 1, 3, 4, 5, 6, 789), Date.UTC(1901, 5, 15, 10)]); // far in the past, fixed
    else if (x < 0.65)
      t = anchor - r.int(-20 * 24 * 3600, 400 * 24 * 3600) * 1000; // whole seconds from the anchor
    else t = anchor - r.int(-20 * DAY, 400 * DAY); // any millisecond
    usedTimestamps.push(t);
    return t;
  };
  /** createdAt ≤ updatedAt, sometimes equal. */
  const stamps = () => {
    const createdAt = timestamp();
    const updatedAt = r.chance(0.4) ? createdAt : createdAt + r.int(0, 90 * DAY);
    return { createdAt, updatedAt };
  };
  const closeDate = (): string | null =>
    r.chance(0.15) ? null : r.chance(0.05) ? '1901-06-15' : utcDay(midnight + r.int(-200, 120) * DAY);

  const tags: TagRow[] = TAG_NAMES.slice(0, 7).map((name, i) => ({
    key: `tag:${i}`,
    name: i === 6 ? null : name,
    ...stamps(),
  }));

  const companies: CompanyRow[] = Array.from({ length: 8 }, (_, i) => ({
    key: `company:${i}`,
    name: text(r, COMPANY_NAMES, 0.1, 0.05),
    domain: text(r, DOMAINS),
    industry: enumValue(r, ENUMS.industry),
    employees: r.chance(0.15) ? null : r.pick([0, 1, 12, 50, 100, 101, 250, 10_000, r.int(2, 5000)]),
    country: text(r, COUNTRIES),
    revenueRange: enumValue(r, ENUMS.revenueRange),
    tier: enumValue(r, ENUMS.tier),
    ...stamps(),
  }));

  // Six campaigns (creation order = id order): three share a sentAt (two of them also share createdAt,
  // so the id decides), one was sent earlier, one is scheduled in the future, one was never sent.
  const sentTie = anchor - r.int(3, 40) * DAY - r.int(0, 3600) * 1000;
  const createdLate = sentTie - r.int(1, 5) * DAY;
  const createdEarly = createdLate - r.int(1, 5) * DAY;
  const campaignPlan: Array<{ sentAt: Millis | null; createdAt: Millis }> = [
    { sentAt: anchor - r.int(50, 120) * DAY, createdAt: anchor - 200 * DAY },
    { sentAt: sentTie, createdAt: createdLate },
    { sentAt: sentTie, createdAt: createdEarly },
    { sentAt: sentTie, createdAt: createdLate },
    { sentAt: anchor + r.int(2, 30) * DAY, createdAt: anchor - r.int(1, 3) * DAY },
    { sentAt: null, createdAt: anchor - r.int(1, 3) * DAY },
  ];
  const campaigns: CampaignRow[] = campaignPlan.map((p, i) => ({
    key: `campaign:${i}`,
    name: `Campaign ${i}${i % 2 ? ' – Zoë' : ''}`,
    subject: r.pick(SUBJECTS),
    sentAt: p.sentAt,
    createdAt: p.createdAt,
    updatedAt: p.createdAt,
  }));

  const contactCount = r.int(30, 60);
  const contacts: ContactRow[] = Array.from({ length: contactCount }, (_, i) => {
    const first = text(r, FIRST_NAMES);
    return {
      key: `contact:${i}`,
      firstName: first,
      lastName: text(r, LAST_NAMES),
      email: r.chance(0.12) ? null : r.chance(0.06) ? '' : `${r.pick(EMAIL_LOCALS)}${i}@${r.pick(EMAIL_DOMAINS)}`,
      phone: text(r, PHONES, 0.3, 0.1),
      jobTitle: text(r, JOB_TITLES),
      lifecycleStage: enumValue(r, ENUMS.lifecycleStage),
      leadScore: r.chance(0.15) ? null : r.chance(0.5) ? r.pick([0, 1, 5, 10, 42, 50, 99, 100, -3]) : r.int(-5, 120),
      source: enumValue(r, ENUMS.source),
      unsubscribed: r.chance(0.15) ? null : r.chance(0.3),
      company: r.chance(0.2) ? null : r.pick(companies).key,
      tags: r.sample(tags, r.pick([0, 0, 1, 1, 2, 3])).map((t) => t.key),
      ...stamps(),
    };
  });

  // One contact from long ago, always: dates of years below 100 (mis-read as 19xx by Date.UTC) land around it.
  contacts[0].createdAt = Date.UTC(1901, 5, 15, 10);
  contacts[0].updatedAt = Math.max(contacts[0].updatedAt, contacts[0].createdAt);

  const deals: DealRow[] = Array.from({ length: Math.round(contactCount * 0.7) }, (_, i) => ({
    key: `deal:${i}`,
    name: text(r, DEAL_NAMES),
    stage: enumValue(r, ENUMS.dealStage),
    amount: r.chance(0.12) ? null : r.pick([0, 0.01, 99.99, 100, 1500.5, 25_000, 99_999.99, -100.25, r.int(1, 500_000) / 100]),
    owner: text(r, OWNERS),
    closeDate: closeDate(),
    company: r.chance(0.3) ? null : r.pick(companies).key,
    // 10% orphan deals (no contact); a contact may hold several deals
    contacts: r.chance(0.1) ? [] : r.sample(contacts, r.pick([1, 1, 1, 2, 3])).map((c) => c.key),
    ...stamps(),
  }));

  const activities: ActivityRow[] = [];
  const activity = (contact: Key | null): ActivityRow => ({
    key: `activity:${activities.length}`,
    type: enumValue(r, ENUMS.activityType, 0.05),
    subject: text(r, SUBJECTS),
    occurredAt: r.chance(0.1) ? null : timestamp(),
    contact,
    ...stamps(),
  });
  for (const c of contacts) {
    const n = r.chance(0.3) ? 0 : r.int(1, 4);
    for (let i = 0; i < n; i++) activities.push(activity(c.key));
  }
  for (let i = 0; i < 3; i++) activities.push(activity(null));

  const emailEvents: EmailEventRow[] = [];
  const event = (contact: Key | null, campaign: Key | null, type: string | null): EmailEventRow => ({
    key: `emailEvent:${emailEvents.length}`,
    type,
    occurredAt: r.chance(0.05) ? null : timestamp(),
    contact,
    campaign,
    ...stamps(),
  });
  const sent = campaigns.filter((c) => c.sentAt !== null && c.sentAt <= anchor);
  const bySendOrder = [...sent].sort(
    (a, b) => b.sentAt! - a.sentAt! || b.createdAt - a.createdAt || campaigns.indexOf(b) - campaigns.indexOf(a),
  );
  for (const c of contacts) {
    const style = r.next();
    if (style < 0.15) {
      // engaged with every sent campaign
      for (const k of sent) emailEvents.push(event(c.key, k.key, r.pick(['opened', 'clicked'])));
      if (r.chance(0.5)) for (const k of sent) emailEvents.push(event(c.key, k.key, 'opened'));
    } else if (style < 0.3) {
      // engaged with the latest 1..3 sent campaigns only
      for (const k of bySendOrder.slice(0, r.int(1, 3))) emailEvents.push(event(c.key, k.key, r.pick(['opened', 'clicked'])));
    }
    const n = r.chance(0.25) ? 0 : r.int(1, 5);
    for (let i = 0; i < n; i++) {
      emailEvents.push(event(c.key, r.chance(0.05) ? null : r.pick(campaigns).key, r.chance(0.03) ? null : r.pick(ENUMS.emailEventType)));
    }
  }
  for (let i = 0; i < 3; i++) emailEvents.push(event(null, r.pick(campaigns).key, 'opened'));

  return { seed, anchor, tags, companies, campaigns, contacts, deals, activities, emailEvents };
}

/* ------------------------------------------------------------------------------------------------
 * Loading into Strapi
 * ---------------------------------------------------------------------------------------------- */

type Row = { key: Key } & Record<string, unknown>;
const rowsOf = (ds: Dataset, collection: Collection): Row[] => ds[collection] as unknown as Row[];

/** Relation attributes set through the Document Service (owning sides only), by collection. */
const RELATIONS: Partial<Record<Collection, Record<string, 'one' | 'many'>>> = {
  contacts: { company: 'one', tags: 'many' },
  deals: { company: 'one', contacts: 'many' },
  activities: { contact: 'one' },
  emailEvents: { contact: 'one', campaign: 'one' },
};

/**
 * Writes the dataset into a booted Strapi on an empty CRM: every record through the Document Service
 * (relations by documentId), then every scalar attribute, createdAt and updatedAt written exactly with
 * knex (the Document Service validates, applies defaults and stamps createdAt / updatedAt itself), and
 * finally everything read back and compared, so a value the database altered fails loudly here rather
 * than as a mysterious mismatch later.
 */
export async function loadDataset(strapi: Core.Strapi, ds: Dataset): Promise<LoadedIds> {
  const ids: LoadedIds = { documentId: {}, id: {} };
  const documents = strapi.documents as any;

  // One transaction for the whole load (the Document Service joins it): far fewer commits.
  await strapi.db.transaction(async ({ trx }) => {
    for (const collection of COLLECTIONS) {
      const uid = UIDS[collection];
      const relations = RELATIONS[collection] ?? {};
      for (const row of rowsOf(ds, collection)) {
        const data: Record<string, unknown> = {};
        for (const [name, kind] of Object.entries(relations)) {
          const value = row[name];
          if (kind === 'one') data[name] = value == null ? null : ids.documentId[value as Key];
          else data[name] = (value as Key[]).map((k) => ids.documentId[k]);
        }
        const created = await documents(uid).create({ data });
        ids.documentId[row.key] = created.documentId;
        ids.id[row.key] = Number(created.id);
      }
    }

    const knex = strapi.db.connection;
    for (const collection of COLLECTIONS) {
      const uid = UIDS[collection];
      const meta = strapi.db.metadata.get(uid) as any;
      const scalars = scalarAttributes(strapi, uid);
      for (const row of rowsOf(ds, collection)) {
        const patch: Record<string, unknown> = {};
        for (const [name, type] of scalars) {
          const value = row[name];
          patch[meta.attributes[name].columnName ?? name] = value == null ? null : type === 'datetime' ? new Date(value as number) : value;
        }
        await knex(meta.tableName).where({ id: ids.id[row.key] }).update(patch).transacting(trx);
      }
    }
  });

  await verifyLoaded(strapi, ds, ids);
  return ids;
}

/** Scalar attributes (name, type) of a content type, createdAt and updatedAt included. */
function scalarAttributes(strapi: Core.Strapi, uid: string): Array<[string, string]> {
  const ct = (strapi.contentTypes as any)[uid];
  const skip = new Set(['id', 'documentId', 'publishedAt', 'locale', 'createdBy', 'updatedBy']);
  return Object.entries<any>(ct.attributes)
    .filter(
      ([name, a]) => !skip.has(name) && a.type !== 'relation' && a.type !== 'component' && a.type !== 'dynamiczone' && a.type !== 'media',
    )
    .map(([name, a]) => [name, a.type as string]);
}

function normalize(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'datetime':
      return new Date(value as string | number | Date).getTime();
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'integer':
    case 'biginteger':
    case 'float':
    case 'decimal':
      return Number(value);
    case 'boolean':
      return value === true || value === 1 || value === '1' || value === 't';
    default:
      return value;
  }
}

async function verifyLoaded(strapi: Core.Strapi, ds: Dataset, ids: LoadedIds): Promise<void> {
  const problems: string[] = [];
  const keyOf = new Map(Object.entries(ids.documentId).map(([k, d]) => [d, k]));
  for (const collection of COLLECTIONS) {
    const uid = UIDS[collection];
    const scalars = scalarAttributes(strapi, uid);
    const relations = RELATIONS[collection] ?? {};
    const stored = await (strapi.documents as any)(uid).findMany({ populate: Object.keys(relations), limit: 100_000 });
    const byDoc = new Map<string, any>(stored.map((s: any) => [s.documentId, s]));
    if (stored.length !== rowsOf(ds, collection).length) {
      problems.push(`${collection}: ${stored.length} stored, ${rowsOf(ds, collection).length} generated`);
    }
    for (const row of rowsOf(ds, collection)) {
      const s = byDoc.get(ids.documentId[row.key]);
      if (!s) {
        problems.push(`${row.key}: not found`);
        continue;
      }
      for (const [name, type] of scalars) {
        const want = normalize(type, row[name]);
        const got = normalize(type, s[name]);
        if (want !== got) problems.push(`${row.key}.${name}: stored ${JSON.stringify(got)}, generated ${JSON.stringify(want)}`);
      }
      for (const [name, kind] of Object.entries(relations)) {
        const want = kind === 'one' ? ((row[name] as Key | null) ?? null) : [...(row[name] as Key[])].sort().join(',');
        const got =
          kind === 'one'
            ? s[name]
              ? (keyOf.get(s[name].documentId) ?? '?')
              : null
            : (s[name] ?? [])
                .map((x: any) => keyOf.get(x.documentId) ?? '?')
                .sort()
                .join(',');
        if (want !== got) problems.push(`${row.key}.${name}: stored ${JSON.stringify(got)}, generated ${JSON.stringify(want)}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`loadDataset: the database does not hold the generated data:\n  ${problems.slice(0, 30).join('\n  ')}`);
  }
}

/** Counts, for logs. */
export function describeDataset(ds: Dataset): string {
  return COLLECTIONS.map((c) => `${rowsOf(ds, c).length} ${c}`).join(', ');
}
