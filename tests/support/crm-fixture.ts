/**
 * Hand-made CRM fixtures for engine tests: records named by key ("ada", "acme", "c3"), created in a booted
 * Strapi through the Document Service (so documentIds and relation rows are Strapi's own), with timestamps
 * written exactly (createdAt, occurredAt, sentAt), and `membersOf(tree)`: the sorted keys of the contacts
 * the engine returns for a tree (or a saved segment).
 *
 *   const fx = await createCrmFixture(t.strapi, (clock) => ({
 *     companies: { acme: { name: 'Acme', country: 'Germany' } },
 *     contacts: { ada: { firstName: 'Ada', company: 'acme', createdAt: clock.daysAgo(30) } },
 *     activities: [{ type: 'call', occurredAt: clock.daysAgo(5), contact: 'ada' }],
 *   }));
 *   expect(await fx.membersOf({ combinator: 'and', rules: [...] })).toEqual(['ada']);
 *
 * Every date of a fixture is relative to `clock.now`, taken (to the whole second) when the fixture is built:
 * keep the records far (days) from any boundary a test uses, so that the few seconds between building the
 * fixture and running a query never change a result.
 */
import type { Core } from '@strapi/strapi';
import { CRM_UIDS } from '../../playground/scripts/seed/index';

export const CRM = CRM_UIDS;

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Dates relative to the fixture's `now` (whole seconds, UTC). */
export interface Clock {
  now: Date;
  /** now + days (+ hours); negative for the past */
  at(days: number, hours?: number): Date;
  daysAgo(days: number): Date;
  daysFromNow(days: number): Date;
  /** UTC midnight of the day `days` from now */
  midnight(days: number): Date;
  /** The UTC calendar day `days` from now, `YYYY-MM-DD` (for `date` attributes and date-only values). */
  day(days: number): string;
}

export function makeClock(nowMs: number = Date.now()): Clock {
  const base = Math.floor(nowMs / 1000) * 1000;
  const at = (days: number, hours = 0) => new Date(base + days * DAY + hours * HOUR);
  const midnight = (days: number) => {
    const d = at(days);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  };
  return {
    now: new Date(base),
    at,
    daysAgo: (days) => at(-days),
    daysFromNow: (days) => at(days),
    midnight,
    day: (days) => midnight(days).toISOString().slice(0, 10),
  };
}

type Scalars = Record<string, unknown>;

export interface CompanySpec extends Scalars {
  name?: string;
  createdAt?: Date;
}
export interface TagSpec extends Scalars {
  name?: string;
}
export interface CampaignSpec extends Scalars {
  name?: string;
  sentAt?: Date | null;
  createdAt?: Date;
}
export interface ContactSpec extends Scalars {
  /** company key */
  company?: string | null;
  /** tag keys */
  tags?: string[];
  createdAt?: Date;
}
export interface DealSpec extends Scalars {
  /** company key */
  company?: string | null;
  /** contact keys */
  contacts?: string[];
  /** `YYYY-MM-DD` */
  closeDate?: string | null;
  createdAt?: Date;
}
export interface ActivitySpec extends Scalars {
  /** contact key */
  contact: string;
  occurredAt?: Date | null;
  createdAt?: Date;
}
export interface EmailEventSpec extends Scalars {
  /** contact key */
  contact: string;
  /** campaign key */
  campaign: string;
  type: string;
  occurredAt?: Date | null;
  createdAt?: Date;
}

/** Records by key; activities and email events may also be given as a list (keys `activities[0]`, ...). */
export interface FixtureSpec {
  companies?: Record<string, CompanySpec>;
  tags?: Record<string, TagSpec>;
  campaigns?: Record<string, CampaignSpec>;
  contacts?: Record<string, ContactSpec>;
  deals?: Record<string, DealSpec>;
  activities?: Record<string, ActivitySpec> | ActivitySpec[];
  emailEvents?: Record<string, EmailEventSpec> | EmailEventSpec[];
}

export type IdMap = Record<string, string>;

export interface CrmFixture {
  strapi: Core.Strapi;
  clock: Clock;
  /** key → documentId, per type */
  companies: IdMap;
  tags: IdMap;
  campaigns: IdMap;
  contacts: IdMap;
  deals: IdMap;
  activities: IdMap;
  emailEvents: IdMap;
  /** every contact key, sorted (grows with `add`) */
  allContacts: string[];
  /** creates more records (relations may name keys created before) */
  add(spec: FixtureSpec | ((clock: Clock) => FixtureSpec)): Promise<void>;
  /** the contact keys NOT in `keys`, sorted */
  complement(keys: string[]): string[];
  /** the contact key of a documentId (`?<documentId>` for a contact the fixture did not create) */
  keyOf(documentId: string): string;
  /** sorted contact keys the engine returns for a tree or a saved segment's documentId (via preview) */
  membersOf(treeOrSegment: unknown): Promise<string[]>;
  /** the engine's count for a tree or a saved segment's documentId */
  count(treeOrSegment: unknown): Promise<number>;
  /** saves a segment through the service (validated like the API does) and returns its documentId */
  createSegment(name: string, filters: unknown): Promise<string>;
}

/** preview's page is capped at 100 contacts: fixtures stay below. */
const PREVIEW_LIMIT = 100;

const entries = <T>(records: Record<string, T> | T[] | undefined, prefix: string, offset = 0): Array<[string, T]> => {
  if (!records) return [];
  if (Array.isArray(records)) return records.map((r, i) => [`${prefix}[${offset + i}]`, r]);
  return Object.entries(records);
};

function lookup(map: IdMap, key: string, what: string, owner: string): string {
  const id = map[key];
  if (!id) throw new Error(`crm-fixture: ${owner} refers to unknown ${what} "${key}"`);
  return id;
}

export function segmentsService(strapi: Core.Strapi) {
  return strapi.plugin('segments').service('segments') as {
    count(input: unknown): Promise<number>;
    preview(
      input: unknown,
      options?: { limit?: number },
    ): Promise<{
      count: number;
      contacts: Array<{ documentId: string; name: string; email: string | null; company: string | null }>;
    }>;
    create(input: { name: string; filters: unknown }): Promise<{ documentId: string }>;
  };
}

/**
 * Creates the records of `spec` (or of `spec(clock)`) in order: companies, tags, campaigns, contacts,
 * deals, activities, email events. Attributes other than the relation keys are passed to the Document
 * Service as they are; `createdAt`, any attribute given as `null` (so that a schema default such as
 * `unsubscribed: false` does not replace it) and any given as `""` (which the Document Service refuses for
 * an email) are then written to the row with `strapi.db.query().update`.
 * `fixture.add(spec)` creates more records later (relations may name keys of either part).
 */
export async function createCrmFixture(
  strapi: Core.Strapi,
  spec: FixtureSpec | ((clock: Clock) => FixtureSpec),
  clock: Clock = makeClock(),
): Promise<CrmFixture> {
  const docs = strapi.documents as any;

  const create = async (uid: string, key: string, data: Scalars): Promise<string> => {
    const { createdAt, ...rest } = data;
    const payload: Scalars = {};
    const exact: Scalars = {};
    for (const [name, value] of Object.entries(rest)) {
      if (value === undefined) continue;
      // "" is written to the row afterwards: the Document Service refuses it for some types (email).
      if (value === '') exact[name] = value;
      else payload[name] = value;
      if (value === null) exact[name] = null;
    }
    let created: { id: number; documentId: string };
    try {
      created = await docs(uid).create({ data: payload });
    } catch (e) {
      const details = (e as any)?.details ? ` ${JSON.stringify((e as any).details)}` : '';
      throw new Error(`crm-fixture: creating ${uid} "${key}" failed: ${(e as Error).message}${details}`, { cause: e });
    }
    if (createdAt !== undefined) exact.createdAt = createdAt;
    if (Object.keys(exact).length > 0) {
      await strapi.db.query(uid as any).update({ where: { id: created.id }, data: exact });
    }
    return created.documentId;
  };

  const ids = {
    companies: {} as IdMap,
    tags: {} as IdMap,
    campaigns: {} as IdMap,
    contacts: {} as IdMap,
    deals: {} as IdMap,
    activities: {} as IdMap,
    emailEvents: {} as IdMap,
  };
  const keyByDocumentId = new Map<string, string>();
  const allContacts: string[] = [];

  const fresh = (map: IdMap, key: string, what: string) => {
    if (map[key]) throw new Error(`crm-fixture: ${what} "${key}" already exists in this fixture`);
  };

  const add = async (more: FixtureSpec | ((clock: Clock) => FixtureSpec)): Promise<void> => {
    const resolved = typeof more === 'function' ? more(clock) : more;
    for (const [key, data] of entries(resolved.companies, 'companies')) {
      fresh(ids.companies, key, 'company');
      ids.companies[key] = await create(CRM.company, key, { name: key, ...data });
    }
    for (const [key, data] of entries(resolved.tags, 'tags')) {
      fresh(ids.tags, key, 'tag');
      ids.tags[key] = await create(CRM.tag, key, { name: key, ...data });
    }
    for (const [key, data] of entries(resolved.campaigns, 'campaigns')) {
      fresh(ids.campaigns, key, 'campaign');
      ids.campaigns[key] = await create(CRM.campaign, key, { name: key, ...data });
    }
    for (const [key, data] of entries(resolved.contacts, 'contacts')) {
      fresh(ids.contacts, key, 'contact');
      const { company, tags, ...scalars } = data;
      const owner = `contact "${key}"`;
      const documentId = await create(CRM.contact, key, {
        ...scalars,
        ...(company ? { company: lookup(ids.companies, company, 'company', owner) } : {}),
        ...(tags ? { tags: tags.map((t) => lookup(ids.tags, t, 'tag', owner)) } : {}),
      });
      ids.contacts[key] = documentId;
      keyByDocumentId.set(documentId, key);
      allContacts.push(key);
      allContacts.sort();
    }
    for (const [key, data] of entries(resolved.deals, 'deals')) {
      fresh(ids.deals, key, 'deal');
      const { company, contacts, ...scalars } = data;
      const owner = `deal "${key}"`;
      ids.deals[key] = await create(CRM.deal, key, {
        name: key,
        ...scalars,
        ...(company ? { company: lookup(ids.companies, company, 'company', owner) } : {}),
        ...(contacts ? { contacts: contacts.map((c) => lookup(ids.contacts, c, 'contact', owner)) } : {}),
      });
    }
    for (const [key, data] of entries(resolved.activities, 'activities', Object.keys(ids.activities).length)) {
      fresh(ids.activities, key, 'activity');
      const { contact, ...scalars } = data;
      ids.activities[key] = await create(CRM.activity, key, {
        ...scalars,
        contact: lookup(ids.contacts, contact, 'contact', `activity "${key}"`),
      });
    }
    for (const [key, data] of entries(resolved.emailEvents, 'emailEvents', Object.keys(ids.emailEvents).length)) {
      fresh(ids.emailEvents, key, 'email event');
      const { contact, campaign, ...scalars } = data;
      const owner = `email event "${key}"`;
      ids.emailEvents[key] = await create(CRM.emailEvent, key, {
        ...scalars,
        contact: lookup(ids.contacts, contact, 'contact', owner),
        campaign: lookup(ids.campaigns, campaign, 'campaign', owner),
      });
    }
  };

  await add(spec);
  const svc = () => segmentsService(strapi);

  return {
    strapi,
    clock,
    ...ids,
    allContacts,
    add,
    complement: (keys) => allContacts.filter((k) => !keys.includes(k)),
    keyOf: (documentId) => keyByDocumentId.get(documentId) ?? `?${documentId}`,
    async membersOf(treeOrSegment) {
      const { count, contacts } = await svc().preview(treeOrSegment, { limit: PREVIEW_LIMIT });
      if (count > PREVIEW_LIMIT) {
        throw new Error(`membersOf: ${count} contacts match, more than the ${PREVIEW_LIMIT} a preview returns`);
      }
      if (contacts.length !== count) {
        throw new Error(`membersOf: preview counted ${count} contacts but returned ${contacts.length}`);
      }
      return contacts.map((c) => keyByDocumentId.get(c.documentId) ?? `?${c.documentId}`).sort();
    },
    count: (treeOrSegment) => svc().count(treeOrSegment),
    async createSegment(name, filters) {
      const segment = await svc().create({ name, filters });
      return segment.documentId;
    },
  };
}

// ---- tree builders (for readability; the JSON they build is the filter tree of docs/semantics.md) -------------

export type Tree = { combinator: 'and' | 'or'; not?: boolean; rules: unknown[] };

export const rule = (field: string, operator: string, value?: unknown) =>
  value === undefined ? { field, operator } : { field, operator, value };
export const and = (...rules: unknown[]): Tree => ({ combinator: 'and', rules });
export const or = (...rules: unknown[]): Tree => ({ combinator: 'or', rules });
/** The complement of a group (toggles its `not`, so not(not(g)) is g). */
export const not = (group: Tree): Tree => ({ ...group, not: !group.not });
/** A to-many rule: `sub('deals', 'atLeast', 2, rule('stage', '=', 'closed_won'))` */
export const sub = (field: string, mode: string, threshold: number | undefined, ...rules: unknown[]) => ({
  field,
  operator: 'matches',
  match: threshold === undefined ? { mode } : { mode, threshold },
  value: { combinator: 'and', rules },
});
/** A single-rule tree. */
export const where = (field: string, operator: string, value?: unknown): Tree => and(rule(field, operator, value));
