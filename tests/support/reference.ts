/**
 * The reference semantics of the filter tree (docs/semantics.md), evaluated in memory over a dataset
 * (tests/support/dataset.ts). Written from docs/semantics.md and the team's decisions, independently of the
 * engine (server/engine/*): only the date-math parser is shared, since it is unit tested on its own.
 *
 *   const ref = new Reference(dataset, ids, savedSegmentTrees);
 *   ref.evaluate(tree, now)          // → Set of matching contact keys
 *
 * Decisions beyond docs/semantics.md that this follows:
 * - text: JS toLowerCase() on both sides, accents significant, `%` / `_` literal; `null` matches null
 *   or ""; every negative operator is the exact complement of its positive twin (so a null value
 *   matches `!=`, `doesNotContain`, `notIn`, `notBetween`);
 * - `company.*` on a contact without company: the value is empty (positive operators false, negative
 *   ones and `null` true); the relation fields `company` / `campaign` compare the related documentId;
 * - numbers may be numeric strings; `between` is inclusive and matches nothing when low > high;
 * - datetime: a date-only value is that day's UTC midnight; date (closeDate): compared by UTC calendar day;
 * - date math resolves in the reference's time zone (UTC by default): d w M y offsets step the zone's
 *   calendar keeping the wall-clock time, a rounding goes to the first instant of the period's first
 *   day there (found by bisection, not by the engine's offset arithmetic), weeks start on Monday;
 *   on closeDate, date math compares by its day in that zone;
 * - `lastActivityAt` = the latest non-null occurredAt of the contact's activities, empty if none;
 * - to-many `matches` with some / none / all (true without related records) / atLeast / atMost /
 *   exactly (threshold ignored by the other modes); an empty (sub-)group matches everything, its `not`
 *   matches nothing;
 * - email engagement: the campaign set is the listed documentIds (deduplicated), or for `{ last: N }`
 *   the N campaigns with sentAt ≤ now by sentAt desc, createdAt desc, id desc; any = engaged with ≥ 1,
 *   none = with none, all = with every one (vacuously true on an empty set);
 * - `segment` in / notIn: membership of the saved trees given to the constructor, evaluated live;
 * - an engine may refuse (400) a text value holding U+0000 or a date outside the years 1000–9999
 *   (`mayBeRefused`); if it answers instead, it must answer right.
 */
// Only the parser is shared with the engine; what a parsed value stands for is resolved here.
import { parseDateValue, type ParsedDate } from '../../shared/dates/parse';
import type { ActivityRow, CompanyRow, ContactRow, Dataset, DealRow, EmailEventRow, Key, LoadedIds, TagRow } from './dataset';

export interface RefGroup {
  combinator: 'and' | 'or';
  not?: boolean;
  rules: Array<RefRule | RefGroup>;
  id?: string;
}

export interface RefRule {
  field: string;
  operator: string;
  value?: unknown;
  match?: { mode: string; threshold?: number };
  id?: string;
}

type Kind = 'text' | 'number' | 'boolean' | 'datetime' | 'date' | 'relation';
type Rec = Record<string, unknown>;

/** Scalar attributes of each type (README, "Install in your own Strapi"), as the reference compares them. */
const TEXT: Kind = 'text';
const ATTRS = {
  contact: {
    firstName: TEXT,
    lastName: TEXT,
    email: TEXT,
    phone: TEXT,
    jobTitle: TEXT,
    lifecycleStage: TEXT,
    leadScore: 'number',
    source: TEXT,
    unsubscribed: 'boolean',
    createdAt: 'datetime',
    updatedAt: 'datetime',
  },
  company: {
    name: TEXT,
    domain: TEXT,
    industry: TEXT,
    employees: 'number',
    country: TEXT,
    revenueRange: TEXT,
    tier: TEXT,
    createdAt: 'datetime',
    updatedAt: 'datetime',
  },
  deal: {
    name: TEXT,
    stage: TEXT,
    amount: 'number',
    owner: TEXT,
    closeDate: 'date',
    createdAt: 'datetime',
    updatedAt: 'datetime',
  },
  activity: { type: TEXT, subject: TEXT, occurredAt: 'datetime', createdAt: 'datetime', updatedAt: 'datetime' },
  emailEvent: { type: TEXT, occurredAt: 'datetime', createdAt: 'datetime', updatedAt: 'datetime' },
  tag: { name: TEXT, createdAt: 'datetime', updatedAt: 'datetime' },
} satisfies Record<string, Record<string, Kind>>;

/**
 * The positive twin of each negative operator, written from the semantics (docs/semantics.md), not
 * imported from the engine's catalog: the reference stays independent of what it checks.
 */
const NEGATIVE: Record<string, string> = {
  '!=': '=',
  doesNotContain: 'contains',
  doesNotBeginWith: 'beginsWith',
  doesNotEndWith: 'endsWith',
  notIn: 'in',
  notBetween: 'between',
  notNull: 'null',
};

const TO_MANY = new Set(['deals', 'activities', 'emailEvents', 'tags']);

export class ReferenceEvalError extends Error {}

export class Reference {
  private readonly companies = new Map<Key, CompanyRow>();
  private readonly dealsOf = new Map<Key, DealRow[]>();
  private readonly activitiesOf = new Map<Key, ActivityRow[]>();
  private readonly eventsOf = new Map<Key, EmailEventRow[]>();
  private readonly tags = new Map<Key, TagRow>();
  private readonly campaignByDocumentId = new Map<string, Key>();

  constructor(
    readonly dataset: Dataset,
    readonly ids: LoadedIds,
    /** saved segments' trees by documentId, for `segment` rules */
    readonly segments: Record<string, RefGroup> = {},
    /** the plugin config's `timeZone` the engine runs with */
    readonly timeZone = 'UTC',
  ) {
    for (const c of dataset.companies) this.companies.set(c.key, c);
    for (const t of dataset.tags) this.tags.set(t.key, t);
    for (const c of dataset.campaigns) this.campaignByDocumentId.set(ids.documentId[c.key], c.key);
    for (const c of dataset.contacts) {
      this.dealsOf.set(c.key, []);
      this.activitiesOf.set(c.key, []);
      this.eventsOf.set(c.key, []);
    }
    for (const d of dataset.deals) for (const c of new Set(d.contacts)) this.dealsOf.get(c)?.push(d);
    for (const a of dataset.activities) if (a.contact) this.activitiesOf.get(a.contact)?.push(a);
    for (const e of dataset.emailEvents) if (e.contact) this.eventsOf.get(e.contact)?.push(e);
  }

  /** The keys of the contacts matching `tree` at `now`. */
  evaluate(tree: RefGroup, now: Date): Set<Key> {
    const out = new Set<Key>();
    for (const c of this.dataset.contacts) if (this.contactGroup(tree, c, now, 0)) out.add(c.key);
    return out;
  }

  /** The documentIds of the contacts matching `tree` at `now`. */
  documentIds(tree: RefGroup, now: Date): Set<string> {
    return new Set([...this.evaluate(tree, now)].map((k) => this.ids.documentId[k]));
  }

  /** Does this contact match? (exposed for diagnostics) */
  matches(tree: RefGroup, contact: ContactRow, now: Date): boolean {
    return this.contactGroup(tree, contact, now, 0);
  }

  // ---- contacts -------------------------------------------------------------------------------

  private contactGroup(group: RefGroup, contact: ContactRow, now: Date, depth: number): boolean {
    return combine(group, (node) =>
      isGroup(node) ? this.contactGroup(node, contact, now, depth) : this.contactRule(node, contact, now, depth),
    );
  }

  private contactRule(rule: RefRule, contact: ContactRow, now: Date, depth: number): boolean {
    const { field, operator, value } = rule;
    if (field in ATTRS.contact) {
      return scalar(
        ATTRS.contact[field as keyof typeof ATTRS.contact],
        (contact as unknown as Rec)[field],
        operator,
        value,
        now,
        this.timeZone,
      );
    }
    if (field === 'company') {
      return scalar('relation', contact.company ? this.ids.documentId[contact.company] : null, operator, value, now, this.timeZone);
    }
    if (field.startsWith('company.')) {
      const name = field.slice('company.'.length);
      if (!(name in ATTRS.company)) throw new ReferenceEvalError(`unknown field ${field}`);
      const company = contact.company ? this.companies.get(contact.company) : undefined;
      // No company: the value is empty, so positive operators are false and negative ones true.
      const v = company ? (company as unknown as Rec)[name] : null;
      return scalar(ATTRS.company[name as keyof typeof ATTRS.company], v, operator, value, now, this.timeZone);
    }
    if (field === 'lastActivityAt') {
      let latest: number | null = null;
      for (const a of this.activitiesOf.get(contact.key) ?? []) {
        if (a.occurredAt !== null && (latest === null || a.occurredAt > latest)) latest = a.occurredAt;
      }
      return scalar('datetime', latest, operator, value, now, this.timeZone);
    }
    if (TO_MANY.has(field)) return this.toMany(rule, contact, now);
    if (field === 'email.opened' || field === 'email.clicked') {
      return this.engagement(field === 'email.opened' ? 'opened' : 'clicked', operator, value, contact, now);
    }
    if (field === 'segment') {
      if (depth > 20) throw new ReferenceEvalError('segment references nest too deeply (cycle?)');
      const list = value as string[];
      const member = list.some((id) => {
        const tree = this.segments[id];
        if (!tree) throw new ReferenceEvalError(`no reference tree for segment ${id}`);
        return this.contactGroup(tree, contact, now, depth + 1);
      });
      if (operator === 'in') return member;
      if (operator === 'notIn') return !member;
      throw new ReferenceEvalError(`segment does not take ${operator}`);
    }
    throw new ReferenceEvalError(`unknown field ${field}`);
  }

  // ---- to-many sub-queries ----------------------------------------------------------------------

  private related(field: string, contact: ContactRow): Array<{ type: keyof typeof ATTRS; record: Rec }> {
    switch (field) {
      case 'deals':
        return (this.dealsOf.get(contact.key) ?? []).map((d) => ({ type: 'deal', record: d as unknown as Rec }));
      case 'activities':
        return (this.activitiesOf.get(contact.key) ?? []).map((a) => ({ type: 'activity', record: a as unknown as Rec }));
      case 'emailEvents':
        return (this.eventsOf.get(contact.key) ?? []).map((e) => ({ type: 'emailEvent', record: e as unknown as Rec }));
      case 'tags':
        return [...new Set(contact.tags)].map((k) => ({ type: 'tag', record: this.tags.get(k) as unknown as Rec }));
      default:
        throw new ReferenceEvalError(`${field} is not to-many`);
    }
  }

  private toMany(rule: RefRule, contact: ContactRow, now: Date): boolean {
    if (rule.operator !== 'matches') throw new ReferenceEvalError(`to-many rule with operator ${rule.operator}`);
    const sub = rule.value as RefGroup;
    const related = this.related(rule.field, contact);
    const matching = related.filter(({ type, record }) => this.subGroup(sub, type, record, now)).length;
    const t = rule.match?.threshold ?? NaN;
    switch (rule.match?.mode) {
      case 'some':
        return matching >= 1;
      case 'none':
        return matching === 0;
      case 'all':
        return matching === related.length;
      case 'atLeast':
        return matching >= t;
      case 'atMost':
        return matching <= t;
      case 'exactly':
        return matching === t;
      default:
        throw new ReferenceEvalError(`match mode ${rule.match?.mode}`);
    }
  }

  private subGroup(group: RefGroup, type: keyof typeof ATTRS, record: Rec, now: Date): boolean {
    return combine(group, (node) => (isGroup(node) ? this.subGroup(node, type, record, now) : this.subRule(node, type, record, now)));
  }

  private subRule(rule: RefRule, type: keyof typeof ATTRS, record: Rec, now: Date): boolean {
    const attrs = ATTRS[type] as Record<string, Kind>;
    if (rule.field in attrs) return scalar(attrs[rule.field], record[rule.field], rule.operator, rule.value, now, this.timeZone);
    // to-one relations of the related type, compared by the related documentId
    if ((type === 'deal' && rule.field === 'company') || (type === 'emailEvent' && rule.field === 'campaign')) {
      const key = record[rule.field] as Key | null;
      return scalar('relation', key ? this.ids.documentId[key] : null, rule.operator, rule.value, now, this.timeZone);
    }
    throw new ReferenceEvalError(`unknown field ${rule.field} on ${type}`);
  }

  // ---- email engagement -------------------------------------------------------------------------

  /** The campaign keys an engagement value stands for at `now`. */
  campaignSet(value: unknown, now: Date): Key[] {
    const v = value as { campaigns?: string[]; last?: number };
    if (Array.isArray(v.campaigns)) {
      return [...new Set(v.campaigns)].map((id) => {
        const key = this.campaignByDocumentId.get(id);
        if (!key) throw new ReferenceEvalError(`unknown campaign ${id}`);
        return key;
      });
    }
    const t = now.getTime();
    return this.dataset.campaigns
      .filter((c) => c.sentAt !== null && c.sentAt <= t)
      .sort((a, b) => b.sentAt! - a.sentAt! || b.createdAt - a.createdAt || this.ids.id[b.key] - this.ids.id[a.key])
      .slice(0, v.last)
      .map((c) => c.key);
  }

  private engagement(type: 'opened' | 'clicked', operator: string, value: unknown, contact: ContactRow, now: Date): boolean {
    const set = this.campaignSet(value, now);
    const engaged = new Set(
      (this.eventsOf.get(contact.key) ?? []).filter((e) => e.type === type && e.campaign !== null).map((e) => e.campaign),
    );
    switch (operator) {
      case 'any':
        return set.some((k) => engaged.has(k));
      case 'none':
        return !set.some((k) => engaged.has(k));
      case 'all':
        return set.every((k) => engaged.has(k));
      default:
        throw new ReferenceEvalError(`engagement does not take ${operator}`);
    }
  }
}

// ---- values an engine may refuse -----------------------------------------------------------------

/** Years 1000–9999: what every database stores as a date; outside them an engine may answer 400. */
const MIN_INSTANT = -30_610_224_000_000; // 1000-01-01T00:00:00Z
const MAX_INSTANT = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
const DATE_KINDS: Record<string, Kind> = {};
for (const attrs of Object.values(ATTRS))
  for (const [name, kind] of Object.entries(attrs)) if (kind === 'date' || kind === 'datetime') DATE_KINDS[name] = kind;

/**
 * Why an engine may refuse this (otherwise valid) tree with a 400, or undefined: a text value holding
 * U+0000 (PostgreSQL cannot even bind it), or a date outside the years 1000–9999 (resolved correctly:
 * `0050-06-15` is the year 50, `now-2000y` two thousand years ago). Refusing is allowed, not required;
 * an engine that answers must answer right.
 */
export function mayBeRefused(tree: RefGroup, now: Date): string | undefined {
  for (const node of tree.rules) {
    const reason = isGroup(node) ? mayBeRefused(node, now) : ruleMayBeRefused(node, now);
    if (reason) return reason;
  }
  return undefined;
}

function ruleMayBeRefused(rule: RefRule, now: Date): string | undefined {
  if (rule.match) return mayBeRefused(rule.value as RefGroup, now);
  if (rule.operator === 'null' || rule.operator === 'notNull') return undefined;
  const values = Array.isArray(rule.value) ? rule.value : [rule.value];
  for (const v of values) {
    if (typeof v === 'string' && v.includes('\u0000')) return `${rule.field}: a value holds U+0000`;
    const name =
      rule.field.includes('.') && rule.field !== 'email.opened' && rule.field !== 'email.clicked' ? rule.field.split('.')[1] : rule.field;
    if ((name in DATE_KINDS || rule.field === 'lastActivityAt') && typeof v === 'string') {
      const p = parseDateValue(v);
      const time = p ? instantOf(p, now) : NaN;
      if (!(time >= MIN_INSTANT && time <= MAX_INSTANT)) return `${rule.field}: ${v} is outside the years 1000–9999`;
    }
  }
  return undefined;
}

// ---- shared pieces ------------------------------------------------------------------------------

export const isGroup = (node: RefRule | RefGroup): node is RefGroup => Array.isArray((node as RefGroup).rules);

/** An empty group matches everything; `not` is the exact complement. */
function combine(group: RefGroup, test: (node: RefRule | RefGroup) => boolean): boolean {
  let result: boolean;
  if (group.rules.length === 0) result = true;
  else if (group.combinator === 'and') result = group.rules.every(test);
  else if (group.combinator === 'or') result = group.rules.some(test);
  else throw new ReferenceEvalError(`combinator ${group.combinator}`);
  return group.not === true ? !result : result;
}

function isEmpty(kind: Kind, x: unknown): boolean {
  if (x === null || x === undefined) return true;
  return kind === 'text' && x === '';
}

function num(v: unknown): number {
  const n = typeof v === 'string' ? Number(v.trim()) : Number(v);
  if (!Number.isFinite(n)) throw new ReferenceEvalError(`not a number: ${JSON.stringify(v)}`);
  return n;
}

function parsed(v: unknown): ParsedDate {
  const p = parseDateValue(v);
  if (!p) throw new ReferenceEvalError(`not a date: ${JSON.stringify(v)}`);
  return p;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Epoch ms of a UTC calendar date and time, for any year (Date.UTC maps years 0–99 to 1900–1999). */
function utc(year: number, monthIndex: number, day: number, timeOfDay = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime() + timeOfDay;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Wall-clock fields of an instant in a zone, read from the en-GB format ("dd/mm/yyyy, hh:mm:ss"). */
function wallIn(ms: number, zone: string): { y: number; m: number; d: number; timeOfDay: number } {
  if (zone === 'UTC') {
    const x = new Date(ms);
    return {
      y: x.getUTCFullYear(),
      m: x.getUTCMonth(),
      d: x.getUTCDate(),
      timeOfDay: ms - utc(x.getUTCFullYear(), x.getUTCMonth(), x.getUTCDate()),
    };
  }
  const text = new Date(ms).toLocaleString('en-GB', { timeZone: zone, hourCycle: 'h23' });
  const [d, m, y, hh, mm, ss] = text.split(/[^0-9]+/).map(Number);
  return { y, m: m - 1, d, timeOfDay: ((hh * 60 + mm) * 60 + ss) * 1000 + (((ms % 1000) + 1000) % 1000) };
}

const wallMs = (w: { y: number; m: number; d: number; timeOfDay: number }) => utc(w.y, w.m, w.d, w.timeOfDay);
const offsetIn = (ms: number, zone: string) => wallMs(wallIn(ms, zone)) - ms;

/** The instant of a wall-clock time: now's offset if it fits, else the earliest that fits, else (a skipped time) moved forward. */
function instantOfWall(wall: number, zone: string, nowOffset: number): number {
  const fits = (ms: number) => wallMs(wallIn(ms, zone)) === wall;
  if (fits(wall - nowOffset)) return wall - nowOffset;
  const candidates = [wall - offsetIn(wall - DAY, zone), wall - offsetIn(wall + DAY, zone)].filter(fits).sort((a, b) => a - b);
  return candidates[0] ?? wall - offsetIn(wall - DAY, zone);
}

/** The first instant whose wall-clock day in the zone is on or after the given day (epoch ms of its UTC midnight), by bisection. */
function firstInstantOfDay(day: number, zone: string): number {
  let low = day - 2 * DAY; // before it in every zone
  let high = day + 2 * DAY; // after it in every zone
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    const w = wallIn(mid, zone);
    if (utc(w.y, w.m, w.d) >= day) high = mid;
    else low = mid;
  }
  return high;
}

const monthLength = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m];

const resolved = new Map<string, number>();

/** The instant (epoch ms) a date value stands for: date-only is UTC midnight, date math is relative to now in the zone. */
export function instantOf(p: ParsedDate, now: Date, zone = 'UTC'): number {
  switch (p.kind) {
    case 'instant':
      return p.date.getTime();
    case 'date':
      return utc(p.year, p.month - 1, p.day);
    case 'math': {
      const key = `${JSON.stringify(p)} ${now.getTime()} ${zone}`;
      let ms = resolved.get(key);
      if (ms === undefined) {
        ms = mathInstant(p, now, zone);
        if (resolved.size > 100_000) resolved.clear();
        resolved.set(key, ms);
      }
      return ms;
    }
  }
}

function mathInstant(p: Extract<ParsedDate, { kind: 'math' }>, now: Date, zone: string): number {
  const { sign, amount, unit } = p.offset ?? { sign: 1, amount: 0, unit: 'd' };
  const n = sign * amount;
  let t = now.getTime();
  if (unit === 'h') t += n * HOUR;
  else if (n !== 0) {
    const w = wallIn(t, zone);
    let target: number;
    if (unit === 'd' || unit === 'w') target = utc(w.y, w.m, w.d + n * (unit === 'w' ? 7 : 1), w.timeOfDay);
    else {
      const total = w.y * 12 + w.m + n * (unit === 'y' ? 12 : 1);
      const year = Math.floor(total / 12);
      const month = total - year * 12;
      target = utc(year, month, Math.min(w.d, monthLength(year, month)), w.timeOfDay);
    }
    t = instantOfWall(target, zone, offsetIn(t, zone));
  }
  if (!p.round) return t;
  const w = wallIn(t, zone);
  const weekday = (new Date(utc(w.y, w.m, w.d)).getUTCDay() + 6) % 7; // Monday 0
  const first = {
    d: utc(w.y, w.m, w.d),
    w: utc(w.y, w.m, w.d - weekday),
    M: utc(w.y, w.m, 1),
    Q: utc(w.y, w.m - (w.m % 3), 1),
    y: utc(w.y, 0, 1),
  }[p.round];
  return zone === 'UTC' ? first : firstInstantOfDay(first, zone);
}

/** The calendar day a value stands for, as a day number (days since 1970-01-01): date math's day in the zone, an instant's UTC day. */
export function dayOf(p: ParsedDate, now: Date, zone = 'UTC'): number {
  if (p.kind === 'date') return Math.floor(utc(p.year, p.month - 1, p.day) / DAY);
  const ms = instantOf(p, now, zone);
  if (p.kind === 'instant' || zone === 'UTC') return Math.floor(ms / DAY);
  return Math.floor(wallMs({ ...wallIn(ms, zone), timeOfDay: 0 }) / DAY);
}

/** A stored `date` (YYYY-MM-DD) as a day number. */
function storedDay(x: unknown): number {
  const [y, m, d] = String(x).slice(0, 10).split('-').map(Number);
  return Math.floor(utc(y, m - 1, d) / DAY);
}

/** The comparable form of a rule value for a kind: lowercased text, a number, epoch ms, a UTC day number. */
function operand(kind: Kind, v: unknown, now: Date, zone: string): string | number | boolean {
  switch (kind) {
    case 'text':
      return String(v).toLowerCase();
    case 'relation':
      return String(v);
    case 'number':
      return num(v);
    case 'boolean':
      return v as boolean;
    case 'datetime':
      return instantOf(parsed(v), now, zone);
    case 'date':
      return dayOf(parsed(v), now, zone);
  }
}

/** The comparable form of a stored value (never empty here). */
function stored(kind: Kind, x: unknown): string | number | boolean {
  switch (kind) {
    case 'text':
      return String(x).toLowerCase();
    case 'relation':
      return String(x);
    case 'number':
      return Number(x);
    case 'boolean':
      return x as boolean;
    case 'datetime':
      return Number(x);
    case 'date':
      return storedDay(x);
  }
}

/** One scalar comparison, two-valued. */
export function scalar(kind: Kind, x: unknown, operator: string, value: unknown, now: Date, zone = 'UTC'): boolean {
  if (operator in NEGATIVE) return !scalar(kind, x, NEGATIVE[operator], value, now, zone);
  if (operator === 'null') return isEmpty(kind, x);
  // every positive operator is false on an empty value (but "" is a value for the comparisons below)
  if (x === null || x === undefined) return false;
  const s = stored(kind, x);
  const o = () => operand(kind, value, now, zone);
  switch (operator) {
    case '=':
      return s === o();
    case 'in':
      return (value as unknown[]).some((v) => s === operand(kind, v, now, zone));
    case 'contains':
      return (s as string).includes(o() as string);
    case 'beginsWith':
      return (s as string).startsWith(o() as string);
    case 'endsWith':
      return (s as string).endsWith(o() as string);
    case '<':
      return s < o();
    case '<=':
      return s <= o();
    case '>':
      return s > o();
    case '>=':
      return s >= o();
    case 'between': {
      const [low, high] = (value as unknown[]).map((v) => operand(kind, v, now, zone));
      return low <= s && s <= high;
    }
    default:
      throw new ReferenceEvalError(`operator ${operator} on ${kind}`);
  }
}
