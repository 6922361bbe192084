/**
 * Turns a seed and a point in time into rows: every value the demo CRM holds is drawn here, and
 * nothing here touches the database except to read the schema and the next free ids
 * (`createContext`). Rows come back as `Tables` for the writer.
 *
 * Determinism: each part draws from its own stream, keyed by the seed and the part (`globals`,
 * `batch:N`), and every date is relative to `now`; so the same seed, `now` and batch size give the
 * same rows, ids and documentIds. Changing the order of the draws below changes the data.
 */
import { CRM_TYPES, CRM_UIDS, linkOf, type CrmType, type Link, type Row, type Strapi, type Tables } from './crm';
import { Rng, hashString, mix32, mulberry32, weighted, type Weighted } from './random';
import {
  ACTIVITY_MEAN,
  ACTIVITY_SUBJECTS,
  ACTIVITY_TYPES,
  AMOUNT_RANGE,
  CAMPAIGN_TOPICS,
  COUNTRIES,
  DEAL_PRODUCTS,
  DEAL_STAGES,
  DEALS_PER_COMPANY,
  ENGAGEMENT,
  INDUSTRIES,
  INDUSTRY_WORDS,
  JOB_TITLES,
  LOCAL_TITLES,
  MONTHS,
  NAME_PREFIXES,
  NAME_STEMS,
  NAMES,
  NEVER_CONTACTED,
  OWNERS,
  SCORE_RANGE,
  SOURCES,
  STAGE_RANK,
  STAGES,
  TAGS,
  TIERS,
  type Country,
} from './vocabulary';
import { capitalizeParts, fold, isoDate } from './text';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const YEAR = 365 * DAY;

/** A campaign as generation needs it; `ord` is the next position in its email-event relation. */
interface Campaign {
  id: number;
  sentAt: number | null;
  reach: number;
  /** A/B split: both variants of a pair share `pair`; a contact in the pair's audience gets one */
  pair?: number;
  variant?: number;
  ord: number;
}

/**
 * What generation carries from one batch to the next: the schema's names, the next free id of
 * each type, and the global rows (tags, campaigns) that contacts link to.
 */
export interface Ctx {
  strapi: Strapi;
  seed: number;
  now: number;
  tables: Record<CrmType, string>;
  columns: Record<CrmType, Record<string, string>>;
  links: {
    contactCompany: Link;
    contactTags: Link;
    dealContacts: Link;
    dealCompany: Link;
    activityContact: Link;
    eventContact: Link;
    eventCampaign: Link;
  };
  nextId: Record<CrmType, number>;
  tags: { id: number; ord: number }[];
  tagWeights: Weighted<number>;
  campaigns: Campaign[];
  /** bulk-import dates for source=import contacts */
  importDates: number[];
  idSalt: Record<CrmType, number>;
}

/**
 * Reads table and column names from Strapi's metadata and the next free ids from the tables, so
 * generated rows fit the schema and follow whatever the CRM already holds.
 */
export async function createContext(strapi: Strapi, seedValue: number, now: number): Promise<Ctx> {
  const tables = {} as Record<CrmType, string>;
  const columns = {} as Record<CrmType, Record<string, string>>;
  const nextId = {} as Record<CrmType, number>;
  for (const type of CRM_TYPES) {
    const meta = strapi.db.metadata.get(CRM_UIDS[type]);
    tables[type] = meta.tableName;
    columns[type] = {};
    for (const [name, attr] of Object.entries<any>(meta.attributes)) {
      if (attr.type !== 'relation' && attr.columnName) columns[type][name] = attr.columnName;
    }
    const row = (await strapi.db.getConnection(meta.tableName).max({ m: 'id' }).first()) as any;
    nextId[type] = Number(row?.m ?? 0) + 1;
  }
  const rng = new Rng(hashString(`${seedValue}:context`));
  const importDates = [0, 1, 2, 3].map(() => now - rng.int(40, 3 * 365 - 10) * DAY - rng.int(0, 23) * HOUR);
  return {
    strapi,
    seed: seedValue,
    now,
    tables,
    columns,
    links: {
      contactCompany: linkOf(strapi, 'contact', 'company'),
      contactTags: linkOf(strapi, 'contact', 'tags'),
      dealContacts: linkOf(strapi, 'deal', 'contacts'),
      dealCompany: linkOf(strapi, 'deal', 'company'),
      activityContact: linkOf(strapi, 'activity', 'contact'),
      eventContact: linkOf(strapi, 'emailEvent', 'contact'),
      eventCampaign: linkOf(strapi, 'emailEvent', 'campaign'),
    },
    nextId,
    tags: [],
    tagWeights: weighted([]),
    campaigns: [],
    importDates,
    idSalt: Object.fromEntries(CRM_TYPES.map((t) => [t, hashString(`${seedValue}:${t}`)])) as Record<CrmType, number>,
  };
}

const TYPE_LETTER: Record<CrmType, string> = {
  contact: 'c',
  company: 'o',
  deal: 'd',
  activity: 'a',
  campaign: 'm',
  emailEvent: 'e',
  tag: 't',
};

/**
 * A 24-character [a-z0-9] documentId, unique per type by construction (a bijection of the row id),
 * random-looking and deterministic for a seed.
 */
function documentId(ctx: Ctx, type: CrmType, id: number): string {
  const salt = ctx.idSalt[type];
  const unique = mix32((id ^ salt) >>> 0)
    .toString(36)
    .padStart(7, '0');
  const r = mulberry32(mix32(id + salt));
  let filler = '';
  while (filler.length < 16)
    filler += Math.floor(r() * 2176782336)
      .toString(36)
      .padStart(6, '0');
  return TYPE_LETTER[type] + filler.slice(0, 16) + unique;
}

/** Builds an entity row with column names from the metadata; every row of a type has every column. */
function entity(ctx: Ctx, type: CrmType, id: number, createdAt: number, updatedAt: number, values: Row): Row {
  const cols = ctx.columns[type];
  const row: Row = {
    [cols.id ?? 'id']: id,
    [cols.documentId ?? 'document_id']: documentId(ctx, type, id),
    [cols.createdAt ?? 'created_at']: new Date(createdAt),
    [cols.updatedAt ?? 'updated_at']: new Date(updatedAt),
    [cols.publishedAt ?? 'published_at']: new Date(createdAt),
    [cols.locale ?? 'locale']: null,
  };
  for (const [attr, value] of Object.entries(values)) {
    const col = cols[attr];
    if (!col) throw new Error(`seed: ${CRM_UIDS[type]} has no column for ${attr}`);
    row[col] = value === undefined ? null : value;
  }
  return row;
}

/** Appends a row to its table's list in a batch. */
function push(tables: Tables, table: string, row: Row) {
  let rows = tables.get(table);
  if (!rows) tables.set(table, (rows = []));
  rows.push(row);
}

/** A join-table row; the order columns exist only on some relations, so they are set only when present. */
function linkRow(link: Link, ownerId: number, targetId: number, order?: number, inverseOrder?: number): Row {
  const row: Row = { [link.join]: ownerId, [link.inverse]: targetId };
  if (link.order) row[link.order] = order ?? null;
  if (link.inverseOrder) row[link.inverseOrder] = inverseOrder ?? null;
  return row;
}

/** The rows every batch links to: the tags, and the campaigns (sent, scheduled and a draft). Fills `ctx.tags` and `ctx.campaigns`. */
export function generateGlobals(ctx: Ctx): Tables {
  const out: Tables = new Map();
  const rng = new Rng(hashString(`${ctx.seed}:globals`));
  const { now } = ctx;

  // Tags
  const tagWeights: [number, number][] = [];
  for (const [name, weight] of TAGS) {
    const id = ctx.nextId.tag++;
    const created = now - 3 * YEAR + rng.int(0, 400) * DAY;
    push(out, ctx.tables.tag, entity(ctx, 'tag', id, created, created, { name }));
    ctx.tags.push({ id, ord: 0 });
    tagWeights.push([ctx.tags.length - 1, weight]);
  }
  ctx.tagWeights = weighted(tagWeights);

  // Campaigns: 11 send slots over the last year (one of them an A/B pair sent at the same instant),
  // then one scheduled in the future and one draft.
  type Spec = { name: string; subject: string; sentAt: number | null; reach: number; pair?: number; variant?: number };
  const specs: Spec[] = [];
  for (let slot = 10; slot >= 0; slot--) {
    const day = now - (slot * 33 + rng.int(3, 8)) * DAY;
    const sentAt = day - (day % DAY) + (7 * 60 + rng.int(0, 150)) * MINUTE + rng.int(0, 59) * 1000;
    const month = MONTHS[new Date(sentAt).getUTCMonth()];
    const year = new Date(sentAt).getUTCFullYear();
    if (slot === 5) {
      const topic = 'Product update';
      specs.push({ name: `${topic} ${month} ${year} (A)`, subject: 'What’s new this month', sentAt, reach: 0.8, pair: slot, variant: 0 });
      specs.push({
        name: `${topic} ${month} ${year} (B)`,
        subject: 'Five new features you asked for',
        sentAt,
        reach: 0.8,
        pair: slot,
        variant: 1,
      });
    } else if (slot % 2 === 0) {
      specs.push({ name: `Newsletter ${month} ${year}`, subject: `Your ${month} update`, sentAt, reach: 0.85 });
    } else {
      const topic = CAMPAIGN_TOPICS[slot % CAMPAIGN_TOPICS.length];
      specs.push({ name: topic, subject: topic, sentAt, reach: rng.float(0.3, 0.6) });
    }
  }
  const scheduled = now + rng.int(5, 12) * DAY;
  specs.push({
    name: 'Newsletter (scheduled)',
    subject: 'Coming up next month',
    sentAt: scheduled - (scheduled % DAY) + 8 * HOUR,
    reach: 0,
  });
  specs.push({ name: 'Win-back campaign (draft)', subject: 'We miss you', sentAt: null, reach: 0 });

  let previousCreated = 0;
  for (const spec of specs) {
    const id = ctx.nextId.campaign++;
    const ref = spec.sentAt ?? now;
    // created some days before it was sent (never after now); variant B just after A, so ids follow
    // creation order
    const created =
      spec.variant === 1
        ? previousCreated + 17 * MINUTE
        : Math.min(now - rng.int(1, 48) * HOUR, ref - rng.int(3, 14) * DAY) - rng.int(0, 3_599) * 1000;
    previousCreated = created;
    push(
      out,
      ctx.tables.campaign,
      entity(ctx, 'campaign', id, created, spec.sentAt !== null && spec.sentAt <= now ? spec.sentAt : created, {
        name: spec.name,
        subject: spec.subject,
        sentAt: spec.sentAt === null ? null : new Date(spec.sentAt),
      }),
    );
    ctx.campaigns.push({ id, sentAt: spec.sentAt, reach: spec.reach, pair: spec.pair, variant: spec.variant, ord: 0 });
  }
  return out;
}

interface CompanyGen {
  id: number;
  tier: string;
  country: Country;
  domain: string;
  shortName: string;
  contacts: ContactGen[];
  dealOrd: number;
}

interface ContactGen {
  id: number;
  row: Row;
  stage: string | null;
  createdAt: number;
  company: CompanyGen | null;
  email: string | null;
  unsubscribed: boolean | null;
}

/**
 * One batch: `count` contacts with their companies, tags, deals, activities and email events. A
 * batch only links to its own companies and contacts (and to the globals), so it can be written on
 * its own, and memory stays bounded.
 */
export function generateBatch(ctx: Ctx, batch: number, count: number): Tables {
  const out: Tables = new Map();
  const rng = new Rng(hashString(`${ctx.seed}:batch:${batch}`));
  const { now, links } = ctx;
  const C = ctx.columns;

  /* Companies: about one per 8 contacts */
  const companies: CompanyGen[] = [];
  const nCompanies = Math.max(1, Math.round(count / 8));
  for (let i = 0; i < nCompanies; i++) {
    const id = ctx.nextId.company++;
    const country = rng.pickW(COUNTRIES);
    const industry = rng.pickW(INDUSTRIES);
    const tier = rng.pickW(TIERS);
    const employees = tier === 'smb' ? rng.logInt(1, 199) : tier === 'mid_market' ? rng.logInt(200, 1999) : rng.logInt(2000, 150_000);
    const revenue = employees * rng.float(40_000, 260_000);
    const revenueRange =
      revenue < 1e6
        ? 'under_1m'
        : revenue < 1e7
          ? 'from_1m_to_10m'
          : revenue < 5e7
            ? 'from_10m_to_50m'
            : revenue < 2.5e8
              ? 'from_50m_to_250m'
              : 'over_250m';
    const root = rng.pick(NAME_PREFIXES) + rng.pick(NAME_STEMS);
    const word = rng.pick(INDUSTRY_WORDS[industry]);
    const shortName = `${root} ${word}`;
    const name = `${shortName} ${rng.pick(country.legal)}`;
    const domain = `${fold(root)}${rng.chance(0.5) ? '-' + fold(word) : ''}.${country.tld}`;
    const created = now - rng.int(30, 3 * 365) * DAY - rng.int(0, DAY);

    let countryValue: string | null = country.name;
    const r = rng.float();
    if (r < 0.01) countryValue = null;
    else if (r < 0.013) countryValue = '';
    else if (r < 0.02) countryValue = country.name.toLowerCase();
    else if (r < 0.025) countryValue = country.name.toUpperCase();

    const row = entity(ctx, 'company', id, created, created + rng.int(0, now - created), {
      name: rng.chance(0.005) ? null : name,
      domain: rng.chance(0.03) ? (rng.chance(0.5) ? null : '') : domain,
      industry: rng.chance(0.01) ? null : industry,
      employees: rng.chance(0.02) ? null : employees,
      country: countryValue,
      revenueRange: rng.chance(0.03) ? null : revenueRange,
      tier: rng.chance(0.01) ? null : tier,
    });
    push(out, ctx.tables.company, row);
    companies.push({ id, tier, country, domain, shortName, contacts: [], dealOrd: 0 });
  }
  const companyPick = weighted<CompanyGen>(
    companies.map((c) => [c, (c.tier === 'enterprise' ? 4 : c.tier === 'mid_market' ? 2 : 1) * rng.float(0.3, 1.7)]),
  );

  /* Contacts */
  const contacts: ContactGen[] = [];
  for (let i = 0; i < count; i++) {
    const id = ctx.nextId.contact++;
    const company = rng.chance(0.9) ? rng.pickW(companyPick) : null;
    const country = company ? (rng.chance(0.92) ? company.country : rng.pickW(COUNTRIES)) : rng.pickW(COUNTRIES);
    const names = NAMES[country.locale];
    const first = rng.pick(names.first);
    const last = rng.pick(names.last);
    const source = rng.chance(0.02) ? null : rng.pickW(SOURCES);
    const stage = rng.chance(0.01) ? null : rng.pickW(STAGES);

    let createdAt: number;
    if (source === 'import' && rng.chance(0.85)) createdAt = rng.pick(ctx.importDates) + rng.int(0, 20 * MINUTE);
    else createdAt = now - Math.floor(3 * YEAR * (1 - Math.sqrt(rng.float())));
    createdAt = Math.min(createdAt, now - rng.int(0, HOUR));

    // Email: mostly work addresses at the company's domain, some free-mail, some mixed case, a few empty
    let email: string | null;
    const f = fold(first) || 'contact';
    const l = fold(last) || String(id);
    const pattern = rng.int(0, 4);
    const localPart = [`${f}.${l}`, `${f.charAt(0)}.${l}`, `${f}${l}`, `${f}_${l}`, `${f}`][pattern];
    if (rng.chance(0.006)) email = null;
    else if (rng.chance(0.004)) email = '';
    else if (company && rng.chance(0.85)) email = `${pattern === 4 ? `${f}.${l}` : localPart}@${company.domain}`;
    else email = `${localPart}${rng.chance(0.6) ? rng.int(1, 999) : ''}@${rng.pick(names.mail)}`;
    if (email) {
      const r = rng.float();
      if (r < 0.1) email = capitalizeParts(email);
      else if (r < 0.12) email = email.toUpperCase();
    }

    const nameCase = (s: string) => {
      const r = rng.float();
      return r < 0.03 ? s.toLowerCase() : r < 0.045 ? s.toUpperCase() : s;
    };
    const firstName = rng.chance(0.008) ? null : rng.chance(0.004) ? '' : nameCase(first);
    const lastName = rng.chance(0.008) ? null : rng.chance(0.004) ? '' : nameCase(last);

    const localTitles = LOCAL_TITLES[country.locale];
    const jobTitle = rng.chance(0.08)
      ? null
      : rng.chance(0.01)
        ? ''
        : localTitles && rng.chance(0.25)
          ? rng.pick(localTitles)
          : rng.pick(JOB_TITLES);
    const phone = rng.chance(0.15)
      ? null
      : rng.chance(0.02)
        ? ''
        : `${country.phone} ${rng.int(10, 999)} ${String(rng.int(100000, 9999999)).padStart(7, '0')}`;

    const u = rng.float();
    const unsubscribed = u < 0.005 ? null : u < 0.035;

    const row = entity(ctx, 'contact', id, createdAt, createdAt, {
      firstName,
      lastName,
      email,
      phone,
      jobTitle,
      lifecycleStage: stage,
      leadScore: null,
      source,
      unsubscribed,
    });
    push(out, ctx.tables.contact, row);
    const gen: ContactGen = { id, row, stage, createdAt, company, email, unsubscribed };
    contacts.push(gen);
    if (company) company.contacts.push(gen);
  }

  /* Contact ↔ company links (contact_ord: position in company.contacts) */
  for (const company of companies) {
    company.contacts.forEach((c, i) =>
      push(out, links.contactCompany.table, linkRow(links.contactCompany, c.id, company.id, undefined, i + 1)),
    );
  }

  /* Tags */
  for (const c of contacts) {
    const r = rng.float();
    const n = r < 0.4 ? 0 : r < 0.7 ? 1 : r < 0.88 ? 2 : r < 0.96 ? 3 : 4;
    const chosen = new Set<number>();
    for (let k = 0; k < n * 3 && chosen.size < n; k++) chosen.add(rng.pickW(ctx.tagWeights));
    let ord = 0;
    for (const t of chosen) {
      const tag = ctx.tags[t];
      push(out, links.contactTags.table, linkRow(links.contactTags, c.id, tag.id, ++ord, ++tag.ord));
    }
  }

  /* Deals */
  const dealCounts = new Map<ContactGen, number>();
  const stageWeight = (c: ContactGen) => 1 + (c.stage ? STAGE_RANK[c.stage] : 0) ** 1.5;
  const addDeal = (company: CompanyGen | null, members: ContactGen[]) => {
    const id = ctx.nextId.deal++;
    const stage = rng.pickW(DEAL_STAGES);
    const closed = stage === 'closed_won' || stage === 'closed_lost';
    const closeDate = closed ? now - rng.int(0, 365) * DAY : now + rng.int(-30, 365) * DAY;
    let createdAt = Math.min(now - rng.int(0, 45) * DAY, closeDate - rng.int(7, 240) * DAY);
    createdAt = Math.max(createdAt, now - 3 * YEAR) - rng.int(0, DAY);
    const [lo, hi] = AMOUNT_RANGE[company ? company.tier : 'none'];
    let amount = Math.exp(rng.float(Math.log(lo), Math.log(hi)));
    amount = rng.chance(0.3) ? Math.round(amount / 100) * 100 : Math.round(amount * 100) / 100;
    const product = rng.pick(DEAL_PRODUCTS);
    const owner = rng.chance(0.02) ? null : rng.pick(OWNERS);
    push(
      out,
      ctx.tables.deal,
      entity(ctx, 'deal', id, createdAt, Math.min(now, Math.max(createdAt, closed ? closeDate : now - rng.int(0, 30) * DAY)), {
        name: `${company ? company.shortName : 'Individual'} – ${product}`,
        stage,
        amount: rng.chance(0.01) ? null : amount,
        owner: owner && rng.chance(0.05) ? capitalizeParts(owner) : owner,
        closeDate: rng.chance(0.01) ? null : isoDate(closeDate),
      }),
    );
    if (company) push(out, links.dealCompany.table, linkRow(links.dealCompany, id, company.id, undefined, ++company.dealOrd));
    members.forEach((c, i) => {
      const n = (dealCounts.get(c) ?? 0) + 1;
      dealCounts.set(c, n);
      push(out, links.dealContacts.table, linkRow(links.dealContacts, id, c.id, i + 1, n));
      // keep lifecycle stages plausible: won deals make customers, open deals opportunities
      const rank = c.stage ? STAGE_RANK[c.stage] : -1;
      if (stage === 'closed_won' && rank < 5 && rng.chance(0.75)) c.stage = 'customer';
      else if (!closed && rank < 3 && rng.chance(0.5)) c.stage = 'opportunity';
    });
  };
  for (const company of companies) {
    const n = rng.geometric(DEALS_PER_COMPANY[company.tier]);
    for (let k = 0; k < n; k++) {
      const pool = company.contacts;
      const want = pool.length === 0 ? 0 : Math.min(pool.length, rng.chance(0.6) ? 1 : rng.chance(0.7) ? 2 : 3);
      const members = new Set<ContactGen>();
      if (want > 0) {
        const w = weighted(pool.map((c) => [c, stageWeight(c)] as [ContactGen, number]));
        for (let tries = 0; members.size < want && tries < want * 4; tries++) members.add(rng.pickW(w));
      }
      addDeal(company, [...members]);
    }
  }
  for (const c of contacts) if (!c.company && rng.chance(0.05)) addDeal(null, [c]);

  /* Lead score (after stage adjustments) */
  for (const c of contacts) {
    if (c.stage !== c.row[C.contact.lifecycleStage]) c.row[C.contact.lifecycleStage] = c.stage;
    if (!rng.chance(0.03)) {
      const [lo, hi] = SCORE_RANGE[c.stage ?? 'lead'];
      c.row[C.contact.leadScore] = rng.int(lo, hi);
    }
  }

  /* Activities over the last two years; some contacts never contacted */
  for (const c of contacts) {
    const stage = c.stage ?? 'lead';
    if (rng.chance(NEVER_CONTACTED[stage])) continue;
    const n = Math.min(40, 1 + rng.geometric(ACTIVITY_MEAN[stage]));
    const from = Math.max(c.createdAt, now - 2 * YEAR);
    const times: number[] = [];
    for (let k = 0; k < n; k++) times.push(Math.floor(rng.float(from, now)));
    times.sort((a, b) => a - b);
    times.forEach((t, k) => {
      const id = ctx.nextId.activity++;
      const type = rng.pickW(ACTIVITY_TYPES);
      const created = Math.min(now, t + rng.int(0, 2 * HOUR));
      const subject = rng.chance(0.04) ? null : rng.chance(0.02) ? '' : rng.pick(ACTIVITY_SUBJECTS[type]);
      push(out, ctx.tables.activity, entity(ctx, 'activity', id, created, created, { type, subject, occurredAt: new Date(t) }));
      push(out, links.activityContact.table, linkRow(links.activityContact, id, c.id, undefined, k + 1));
    });
  }

  /* Email events for the campaigns already sent */
  const sent = ctx.campaigns.filter((m) => m.sentAt !== null && m.sentAt <= now).sort((a, b) => a.sentAt! - b.sentAt! || a.id - b.id);
  for (const c of contacts) {
    if (!c.email || c.unsubscribed === true) continue;
    const [pOpen, pClick] = rng.pickW(ENGAGEMENT);
    const hardBounce = rng.chance(0.02);
    let ord = 0;
    let unsubscribedNow = false;
    const event = (campaign: Campaign, type: string, at: number) => {
      if (at > now) return;
      const id = ctx.nextId.emailEvent++;
      push(out, ctx.tables.emailEvent, entity(ctx, 'emailEvent', id, at, at, { type, occurredAt: new Date(at) }));
      push(out, links.eventContact.table, linkRow(links.eventContact, id, c.id, undefined, ++ord));
      push(out, links.eventCampaign.table, linkRow(links.eventCampaign, id, campaign.id, undefined, ++campaign.ord));
    };
    const pairChoice = new Map<number, number>();
    for (const m of sent) {
      if (unsubscribedNow) break;
      if (m.sentAt! < c.createdAt) continue;
      if (m.pair !== undefined) {
        if (!pairChoice.has(m.pair)) pairChoice.set(m.pair, rng.chance(m.reach) ? rng.int(0, 1) : -1);
        if (pairChoice.get(m.pair) !== m.variant) continue;
      } else if (!rng.chance(m.reach)) continue;

      const t0 = m.sentAt! + rng.int(5_000, 30 * MINUTE);
      if (hardBounce || rng.chance(0.01)) {
        event(m, 'bounced', t0);
        if (hardBounce) break; // suppressed after a hard bounce
        continue;
      }
      event(m, 'delivered', t0);
      if (!rng.chance(pOpen)) {
        if (rng.chance(0.002)) {
          event(m, 'unsubscribed', t0 + rng.int(MINUTE, 3 * DAY));
          unsubscribedNow = true;
        }
        continue;
      }
      const opened = t0 + Math.min(7 * DAY, Math.floor(-Math.log(1 - rng.float()) * 8 * HOUR));
      event(m, 'opened', opened);
      if (rng.chance(0.2)) event(m, 'opened', opened + rng.int(10 * MINUTE, 2 * DAY));
      if (rng.chance(pClick)) event(m, 'clicked', opened + rng.int(10_000, 20 * MINUTE));
      if (rng.chance(0.006)) {
        event(m, 'unsubscribed', opened + rng.int(10_000, 10 * MINUTE));
        unsubscribedNow = true;
      }
    }
    if (unsubscribedNow) c.row[C.contact.unsubscribed] = true;
  }

  /* updatedAt of contacts: last touch, never before creation */
  for (const c of contacts) {
    const span = now - c.createdAt;
    c.row[C.contact.updatedAt ?? 'updated_at'] = new Date(c.createdAt + Math.floor(span * rng.float() ** 2));
  }
  return out;
}
