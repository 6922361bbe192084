/**
 * Filter tree → one SQL predicate over the contact table (docs/semantics.md), plus one named sub-query
 * (a CTE) per saved segment the query reads more than once. Which segments those are, and in what
 * order, is segment-plan.ts's; how big the whole may get, limits.ts's; the SQL of each database,
 * sql.ts's.
 *
 * Invariants:
 * - Every fragment it produces is two-valued: it is TRUE or FALSE for every row, never NULL, so
 *   `NOT` is the exact complement and count(T) + count(not T) = all contacts.
 * - Relations are read through sub-queries on Strapi's join tables, never joins on the outer query,
 *   so rows are never multiplied: EXISTS / NOT EXISTS for some/none/all (planners turn them into
 *   semi/anti joins), and for aggregates (thresholds, the latest activity, "engaged with all of")
 *   one uncorrelated `id IN (SELECT ... GROUP BY ... HAVING ...)` set, computed once rather than
 *   once per contact; except "engaged with all of" at a path `contactDriven` names, where the rest of
 *   the tree leaves few contacts: there each remaining contact's events are counted (correlated), as
 *   an expert drives a query from a small side.
 * - A saved segment's tree is always over contacts, whatever scope names it, and reads published
 *   contacts only where the contact type has draft & publish. Written in place, its predicate is on
 *   the same contact row; as a CTE it is `SELECT id FROM contacts WHERE <its tree>`, and a rule on
 *   it is `id IN (SELECT id FROM segment_<n>)`. The CTE set never holds NULL, so `NOT` of it stays
 *   two-valued. The CTE's SQL can as well fill a table of that name first (`SqlDialect.idTable`)
 *   where the database would plan every reference to a CTE apart.
 * - Values are always bound; identifiers come only from the engine model. A list of values (`in`,
 *   campaigns, documentIds) is ONE parameter (`SqlDialect.list`), numbers are bound as exact
 *   decimal strings, never through a float.
 * - The whole statement is measured as it is compiled and refused past QUERY_LIMITS before anything
 *   runs (limits.ts).
 */
import { NEGATIONS, NUMBER_TYPES, TEXT_TYPES } from '../../shared/catalog';
import type { ScalarType } from '../../shared/catalog';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { parseDateValue } from '../../shared/dates/parse';
import { resolveCalendarDay, resolveInstant } from '../../shared/dates/resolve';
import { ListedValues, checkSize, querySize, type QuerySize } from './limits';
import { lastSentCampaigns, type RecentCampaigns } from './recent-campaigns';
import { SegmentPlan, segmentExpansion, type SegmentExpansion, type SegmentQuery } from './segment-plan';
import { FALSE, TRUE, SqlDialect, decimalString, frag, joinFragments, not, type DialectOptions } from './sql';
import {
  EngineError,
  type EngagementBinding,
  type EngineModel,
  type FieldBinding,
  type Link,
  type SegmentSource,
  type SqlFragment,
} from './types';

export interface CompileOptions extends DialectOptions {
  model: EngineModel;
  /** The query's time: date math (`now-60d`, `last: N` campaigns) is evaluated against it. */
  now: Date;
  /** The IANA zone whose midnight starts days and periods of date math (plugin config `timeZone`); UTC if none. */
  timeZone?: string;
  segments: SegmentSource;
  /** A saved segment's name, for messages (defaults to its documentId). */
  segmentName?: (documentId: string) => string | undefined;
  /**
   * The paths of the root tree's "engaged with all of" rules to write per contact (a correlated count)
   * instead of as one grouped set: the caller knows the rest of the tree leaves few contacts.
   */
  contactDriven?: ReadonlySet<string>;
  /**
   * "The last N campaigns" as read at `now` before compiling, by campaign table (recent-campaigns.ts):
   * an N they cover is written as its ids, which the planner can estimate; any other stays a sub-query.
   */
  recentCampaigns?: ReadonlyMap<string, RecentCampaigns>;
}

export interface CompiledFilter {
  /** The predicate over the contact table aliased as asked. */
  predicate: SqlFragment;
  /** The segments it uses, in dependency order (a WITH clause in this order is valid). */
  segments: SegmentQuery[];
  size: QuerySize;
  expansion: SegmentExpansion;
}

interface Scope {
  alias: string;
  fields: Record<string, FieldBinding>;
}

const TEXT = new Set<string>(TEXT_TYPES);
const NUMBER = new Set<string>(NUMBER_TYPES);
const COMPARISONS = new Set(['=', '<', '<=', '>', '>=']);

/** Compiles a tree to a predicate over the contact table aliased `alias`, and the segments it uses. */
export function compileFilter(tree: FilterGroup, options: CompileOptions, alias = 'c'): CompiledFilter {
  const { fields } = options.model;
  const plan = new SegmentPlan(tree, fields, options.segments);
  const compiler = new Compiler(options, plan);
  const predicate = compiler.group(tree, { alias, fields }, '');
  const compiled = {
    predicate,
    segments: plan.ctes,
    size: querySize(predicate, plan.ctes, compiler.listed.total),
    expansion: segmentExpansion(tree, fields, options.segments),
  };
  checkSize(compiled.size, plan.ctes.length, plan.weighed(), (id) => options.segmentName?.(id) ?? id);
  return compiled;
}

class Compiler {
  private readonly sql: SqlDialect;
  private aliasCount = 0;
  /** How deep in saved segments' trees the compiler is (0: the root tree). */
  private inSegment = 0;
  /** Values listed by the tree being compiled (the root, or a segment's), and in all. */
  readonly listed = new ListedValues();

  constructor(
    private readonly options: CompileOptions,
    private readonly plan: SegmentPlan,
  ) {
    this.sql = new SqlDialect(options);
  }

  group(group: FilterGroup, scope: Scope, path: string): SqlFragment {
    const glue = group.combinator === 'or' ? ' OR ' : ' AND ';
    const shared = this.sharedLinks(group, scope);
    const parts: SqlFragment[] = [];
    group.rules.forEach((node, i) => {
      const link = shared.get(i);
      if (!link) return parts.push(this.node(node, scope, `${path}rules[${i}]`));
      // The first member of a shared link writes the one sub-query; the others are in it.
      if (link.first !== i) return;
      parts.push(
        this.related(link.via, scope.alias, (t) => {
          const onTarget: Scope = { alias: t, fields: targetFields(scope.fields, link.key) };
          return joinFragments(
            link.members.map((m) => wrap(this.node(group.rules[m], onTarget, `${path}rules[${m}]`))),
            glue,
          );
        }),
      );
    });
    let result: SqlFragment;
    if (parts.length === 0) result = TRUE;
    else if (parts.length === 1) result = parts[0];
    else result = joinFragments(parts.map(wrap), glue);
    return group.not ? not(result) : result;
  }

  private node(node: FilterRule | FilterGroup, scope: Scope, at: string): SqlFragment {
    return isGroup(node) ? this.group(node, scope, `${at}.`) : this.rule(node, scope, at);
  }

  /**
   * Siblings that only ask about the same to-one related row (`company.country`, `company.employees`,
   * or a group of such rules), by index: they share one sub-query, where each is a plain condition
   * on the company. Under OR that is always the same set (EXISTS a OR EXISTS b = EXISTS (a OR b));
   * under AND it is because a contact has at most one (published) company. Negations stay apart:
   * `company.country != France` also holds for a contact without a company.
   */
  private sharedLinks(group: FilterGroup, scope: Scope) {
    const byLink = new Map<string, { key: string; via: Link; first: number; members: number[] }>();
    group.rules.forEach((node, index) => {
      const via = linkOnly(node, scope.fields);
      if (!via) return;
      const key = linkKey(via);
      const entry = byLink.get(key) ?? { key, via, first: index, members: [] };
      entry.members.push(index);
      byLink.set(key, entry);
    });
    const shared = new Map<number, { key: string; via: Link; first: number; members: number[] }>();
    for (const entry of byLink.values()) if (entry.members.length > 1) for (const member of entry.members) shared.set(member, entry);
    return shared;
  }

  private rule(rule: FilterRule, scope: Scope, path: string): SqlFragment {
    const binding = scope.fields[rule.field];
    if (!binding) throw new EngineError(`unknown field "${rule.field}"`, `${path}.field`);
    const positive = NEGATIONS[rule.operator];
    const operator = positive ?? rule.operator;
    let result: SqlFragment;
    switch (binding.kind) {
      case 'scalar':
        result = binding.via
          ? this.related(binding.via, scope.alias, (t) =>
              this.scalar(this.sql.column(t, binding.column), binding, operator, rule.value, path),
            )
          : this.scalar(this.sql.column(scope.alias, binding.column), binding, operator, rule.value, path);
        break;
      case 'reference':
        result = this.reference(binding.via, scope.alias, operator, rule.value);
        break;
      case 'latest':
        result = this.latest(binding, scope.alias, operator, rule.value, path);
        break;
      case 'toMany':
        return this.toMany(binding, rule, scope.alias, path);
      case 'engagement':
        return this.engagement(binding.eventType, binding.events, rule, scope.alias, path);
      case 'segment':
        result = this.segment(rule.value as string[], scope, path);
        break;
    }
    return positive ? not(result) : result;
  }

  // ---- scalars -------------------------------------------------------------------------------

  /** A positive operator on a column, guarded with IS NOT NULL so that it is never NULL. */
  private scalar(
    expr: string,
    binding: { type: ScalarType; options?: string[] },
    operator: string,
    value: unknown,
    path: string,
  ): SqlFragment {
    const { type, options } = binding;
    if (options && (operator === '=' || operator === 'in')) {
      const exact = this.enumOptions(options, operator === 'in' ? (value as unknown[]) : [value]);
      if (exact.length === 0) return FALSE;
      return frag(`(${expr} IS NOT NULL AND ${expr} IN (${exact.map(() => '?').join(', ')}))`, exact);
    }
    if (operator === 'notNull') {
      return TEXT.has(type) ? frag(`(${expr} IS NOT NULL AND ${this.sql.length(expr)} > 0)`) : frag(`${expr} IS NOT NULL`);
    }
    const test = this.comparison(expr, type, operator, value, path);
    return frag(`(${expr} IS NOT NULL AND ${test.sql})`, test.bindings);
  }

  /** The stored options a case-insensitive `=` / `in` on an enumeration matches. */
  private enumOptions(options: string[], values: unknown[]): string[] {
    const wanted = new Set(values.map((v) => String(v).toLowerCase()));
    return options.filter((o) => wanted.has(o.toLowerCase()));
  }

  /** The comparison itself; NULL when the expression is NULL (the caller makes it two-valued). */
  private comparison(expr: string, type: ScalarType, operator: string, value: unknown, path: string): SqlFragment {
    const sql = this.sql;
    if (TEXT.has(type)) {
      const lowered = sql.lower(expr);
      if (operator === 'in')
        return this.list(
          lowered,
          (value as unknown[]).map((v) => sql.lowerValue(String(v))),
          'text',
        );
      const needle = sql.lowerValue(String(value));
      const length = [...needle].length;
      switch (operator) {
        case '=':
          return frag(`${sql.exact(lowered)} = ${sql.exact('?')}`, [needle]);
        case 'contains':
          return frag(sql.contains(lowered, '?'), [needle]);
        case 'beginsWith':
          return frag(`${sql.exact(sql.left(lowered, String(length)))} = ${sql.exact('?')}`, [needle]);
        case 'endsWith':
          return frag(`${sql.exact(sql.right(lowered, String(length)))} = ${sql.exact('?')}`, [needle]);
      }
    } else if (NUMBER.has(type)) {
      // Bound as exact decimal strings, never through Number(): 9007199254740993 stays itself.
      if (operator === 'in') return this.list(expr, [...new Set((value as unknown[]).map(decimalString))], 'number');
      if (operator === 'between') {
        const [low, high] = (value as unknown[]).map(decimalString);
        return frag(`${expr} >= ${sql.number(low)} AND ${expr} <= ${sql.number(high)}`, [low, high]);
      }
      if (COMPARISONS.has(operator)) {
        const number = decimalString(value);
        return frag(`${expr} ${operator} ${sql.number(number)}`, [number]);
      }
    } else if (type === 'boolean') {
      if (operator === '=') return frag(`${expr} = ?`, [sql.boolean(value as boolean)]);
    } else if (type === 'date' || type === 'datetime') {
      const bound = (v: unknown) => {
        const parsed = parseDateValue(v);
        if (!parsed) throw new EngineError(`"${String(v)}" is not a date`, `${path}.value`);
        const { now, timeZone } = this.options;
        const instant = resolveInstant(parsed, now, timeZone);
        if (Number.isNaN(instant.getTime())) throw new EngineError(`"${String(v)}" is not a valid date`, `${path}.value`);
        return type === 'date' ? resolveCalendarDay(parsed, now, timeZone) : sql.instant(instant);
      };
      const placeholder = type === 'date' ? sql.day() : '?';
      if (operator === 'between') {
        const [low, high] = (value as unknown[]).map(bound);
        return frag(`${expr} >= ${placeholder} AND ${expr} <= ${placeholder}`, [low, high]);
      }
      if (COMPARISONS.has(operator)) return frag(`${expr} ${operator} ${placeholder}`, [bound(value)]);
    }
    throw new EngineError(`operator "${operator}" does not apply to a ${type} field`, `${path}.operator`);
  }

  // ---- relations -----------------------------------------------------------------------------

  /** A bound list, counted towards the query's size. */
  private list(expr: string, values: string[], kind: 'text' | 'number'): SqlFragment {
    this.listed.add(values.length);
    return this.sql.list(expr, values, kind);
  }

  private nextAlias(prefix: string): string {
    this.aliasCount += 1;
    return `${prefix}${this.aliasCount}`;
  }

  /**
   * FROM/WHERE of the rows a link leads to. With `sourceAlias` the sub-query is correlated to that
   * row; without it, it ranges over every source row (`key` is the source id column), for the
   * grouped forms below. An uncorrelated set must not hold a NULL key (`NOT IN` would turn NULL): its
   * reader adds `keyNotNull`, after grouping when it groups (in WHERE, MariaDB takes it as a reason
   * to scan the join table by that column: 957 against 138 ms at 100k contacts).
   */
  private linked(link: Link, sourceAlias?: string): { alias: string; key: string; from: string; where: string[]; keyNotNull: string } {
    const sql = this.sql;
    const j = this.nextAlias('j');
    const t = this.nextAlias('t');
    const key = sql.column(j, link.sourceColumn);
    const where = sourceAlias ? [`${key} = ${sql.column(sourceAlias, 'id')}`] : [];
    if (link.target.publishedAtColumn) where.push(`${sql.column(t, link.target.publishedAtColumn)} IS NOT NULL`);
    return {
      alias: t,
      key,
      from: `${sql.id(link.joinTable)} ${sql.id(j)} JOIN ${sql.id(link.target.table)} ${sql.id(t)} ON ${sql.column(t, 'id')} = ${sql.column(j, link.targetColumn)}`,
      where,
      keyNotNull: `${key} IS NOT NULL`,
    };
  }

  private exists(link: Link, sourceAlias: string, condition?: (alias: string) => SqlFragment): SqlFragment {
    const { alias, from, where } = this.linked(link, sourceAlias);
    const extra = condition ? wrap(condition(alias)) : undefined;
    const clauses = extra ? [...where, extra.sql] : where;
    return frag(`EXISTS (SELECT 1 FROM ${from} WHERE ${clauses.join(' AND ')})`, extra?.bindings ?? []);
  }

  /**
   * The rows whose to-one related row (their company) meets `condition`, as one uncorrelated set:
   * the condition is tested once per company, not once per contact. On SQLite, where text
   * comparisons call a JavaScript lowercase function, that is the difference (p4 in bench/: 11x
   * the hand-written SQL as a correlated EXISTS); PostgreSQL and MariaDB plan both forms alike.
   */
  private related(link: Link, sourceAlias: string, condition: (alias: string) => SqlFragment): SqlFragment {
    return this.grouped(link, sourceAlias, (t) => ({ where: condition(t) }));
  }

  /**
   * `source.id IN (SELECT key ... GROUP BY key HAVING ...)`: an aggregate over related rows as one
   * uncorrelated set, which the database computes once instead of once per contact. The set never
   * holds NULL, so `NOT` of it stays two-valued.
   */
  private grouped(link: Link, sourceAlias: string, build: (alias: string) => { where?: SqlFragment; having?: SqlFragment }): SqlFragment {
    const { alias, key, from, where, keyNotNull } = this.linked(link);
    const { where: extra, having } = build(alias);
    const clauses = extra ? [...where, wrap(extra).sql] : [...where];
    if (!having) clauses.push(keyNotNull);
    const filter = clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '';
    const tail = having ? ` GROUP BY ${key} HAVING ${keyNotNull} AND ${having.sql}` : '';
    return frag(`${this.sql.column(sourceAlias, 'id')} IN (SELECT ${key} FROM ${from}${filter}${tail})`, [
      ...(extra?.bindings ?? []),
      ...(having?.bindings ?? []),
    ]);
  }

  private reference(link: Link, sourceAlias: string, operator: string, value: unknown): SqlFragment {
    if (operator === 'notNull') return this.exists(link, sourceAlias);
    const documentId = (t: string) => this.sql.column(t, link.target.documentIdColumn);
    if (operator === '=') {
      return this.exists(link, sourceAlias, (t) => frag(`${this.sql.exact(documentId(t))} = ${this.sql.exact('?')}`, [value]));
    }
    return this.exists(link, sourceAlias, (t) => this.list(documentId(t), [...new Set(value as string[])], 'text'));
  }

  /** A positive operator on the latest related value: the contacts whose MAX satisfies it. */
  private latest(
    binding: Extract<FieldBinding, { kind: 'latest' }>,
    sourceAlias: string,
    operator: string,
    value: unknown,
    path: string,
  ): SqlFragment {
    return this.grouped(binding.via, sourceAlias, (t) => {
      const column = this.sql.column(t, binding.column);
      if (operator === 'notNull') return { where: frag(`${column} IS NOT NULL`) };
      return { having: this.comparison(`MAX(${column})`, binding.type, operator, value, path) };
    });
  }

  private toMany(binding: Extract<FieldBinding, { kind: 'toMany' }>, rule: FilterRule, sourceAlias: string, path: string): SqlFragment {
    const match = rule.match!;
    const sub = (rule.value ?? { combinator: 'and', rules: [] }) as FilterGroup;
    const threshold = match.threshold ?? 0;
    const condition = (alias: string) => this.group(sub, { alias, fields: binding.fields }, `${path}.value.`);
    const some = () => this.exists(binding.via, sourceAlias, condition);
    const counted = (comparison: string) =>
      this.grouped(binding.via, sourceAlias, (t) => ({
        where: condition(t),
        having: frag(`COUNT(DISTINCT ${this.sql.column(t, 'id')}) ${comparison} ?`, [threshold]),
      }));
    switch (match.mode) {
      case 'some':
        return some();
      case 'none':
        return not(some());
      case 'all':
        return not(this.exists(binding.via, sourceAlias, (t) => not(wrap(condition(t)))));
      case 'atLeast':
        if (threshold <= 0) return TRUE;
        return threshold === 1 ? some() : counted('>=');
      case 'atMost':
        return threshold === 0 ? not(some()) : not(counted('>'));
      case 'exactly':
        return threshold === 0 ? not(some()) : counted('=');
    }
  }

  // ---- email engagement ------------------------------------------------------------------------

  /**
   * The campaigns a rule's value names: listed documentIds (`member` tests a campaign row's
   * documentId column), or the last N sent by `now` (`member` tests a campaign id: the set's own query
   * already keeps only sent, published campaigns), named by id when they were read before compiling.
   */
  private campaignSet(events: EngagementBinding, value: { campaigns?: string[]; last?: number }) {
    const sql = this.sql;
    const campaign = events.campaignLink.target;
    if (value.campaigns) {
      const ids = [...new Set(value.campaigns)];
      return {
        byId: false,
        member: (documentIdColumn: string) => this.list(documentIdColumn, ids, 'text'),
        size: frag('?', [ids.length]),
        empty: undefined,
      };
    }
    const known = this.options.recentCampaigns?.get(campaign.table);
    if (known && value.last! <= known.limit) {
      // Read before compiling (recent-campaigns.ts): the ids of the same set, one bound value each.
      const ids = known.ids.slice(0, value.last);
      return {
        byId: true,
        member: (idColumn: string) =>
          ids.length === 0 ? FALSE : frag(`${idColumn} IN (${ids.map(() => '?').join(', ')})`, ids.map(Number)),
        size: frag('?', [ids.length]),
        empty: ids.length === 0 ? TRUE : undefined,
      };
    }
    const last = () => {
      // A derived table lets MySQL/MariaDB use LIMIT inside IN (...).
      const sent = lastSentCampaigns(events, this.nextAlias('k'), value.last!, this.options.now, sql);
      return frag(`(${sent.sql}) ${sql.id(this.nextAlias('n'))}`, sent.bindings);
    };
    const member = (idColumn: string) => {
      const members = last();
      return frag(`${idColumn} IN (SELECT * FROM ${members.sql})`, members.bindings);
    };
    const counted = last();
    const size = frag(`(SELECT COUNT(*) FROM ${counted.sql})`, counted.bindings);
    return { byId: true, member, size, empty: frag(`${size.sql} = 0`, size.bindings) as SqlFragment | undefined };
  }

  private engagement(eventType: string, events: EngagementBinding, rule: FilterRule, contactAlias: string, path: string): SqlFragment {
    const sql = this.sql;
    const value = rule.value as { campaigns?: string[]; last?: number };
    const set = this.campaignSet(events, value);
    // Events of the type, of a campaign in the set: correlated to the contact, or grouped by it.
    // `campaign` is what makes two events the same campaign (COUNT DISTINCT for `all`).
    const engaged = (correlated: boolean) => {
      const ev = this.linked(events.eventsLink, correlated ? contactAlias : undefined);
      const where = [...ev.where, `${sql.column(ev.alias, events.typeColumn)} = ?`];
      if (set.byId) {
        // The set holds campaign ids: the link table answers alone. Joining the campaigns table
        // as well kept PostgreSQL from scanning the events in parallel (p5 in bench/: 2x the
        // hand-written SQL at 1M contacts).
        const j = this.nextAlias('j');
        const campaign = sql.column(j, events.campaignLink.targetColumn);
        const member = set.member(campaign);
        where.push(`${sql.column(j, events.campaignLink.sourceColumn)} = ${sql.column(ev.alias, 'id')}`, member.sql);
        return {
          ev,
          campaign,
          body: frag(`FROM ${ev.from} CROSS JOIN ${sql.id(events.campaignLink.joinTable)} ${sql.id(j)} WHERE ${where.join(' AND ')}`, [
            eventType,
            ...member.bindings,
          ]),
        };
      }
      const camp = this.linked(events.campaignLink, ev.alias);
      const campaign = sql.column(camp.alias, events.campaignLink.target.documentIdColumn);
      const member = set.member(campaign);
      where.push(...camp.where, member.sql);
      // The campaign link is joined through its WHERE conditions (an inner join to every planner).
      return {
        ev,
        campaign,
        body: frag(`FROM ${ev.from} CROSS JOIN ${camp.from} WHERE ${where.join(' AND ')}`, [eventType, ...member.bindings]),
      };
    };
    switch (rule.operator) {
      case 'any':
      case 'none': {
        const { body } = engaged(true);
        const exists = frag(`EXISTS (SELECT 1 ${body.sql})`, body.bindings);
        return rule.operator === 'any' ? exists : not(exists);
      }
      case 'all': {
        // Engaged with every campaign of the set; vacuously true when the set is empty.
        if (this.contactDriven(path)) {
          const { campaign, body } = engaged(true);
          const everyOne = frag(`(SELECT COUNT(DISTINCT ${campaign}) ${body.sql}) = ${set.size.sql}`, [
            ...body.bindings,
            ...set.size.bindings,
          ]);
          return set.empty ? joinFragments([wrap(set.empty), wrap(everyOne)], ' OR ') : everyOne;
        }
        const { ev, campaign, body } = engaged(false);
        const everyOne = frag(
          `${sql.column(contactAlias, 'id')} IN (${sql.groupedKeys(ev.key, body.sql, `COUNT(DISTINCT ${campaign}) = ${set.size.sql}`, this.nextAlias('g'))})`,
          [...body.bindings, ...set.size.bindings],
        );
        return set.empty ? joinFragments([wrap(set.empty), wrap(everyOne)], ' OR ') : everyOne;
      }
      default:
        throw new EngineError(`operator "${rule.operator}" does not apply to email engagement`, 'operator');
    }
  }

  // ---- segments --------------------------------------------------------------------------------

  private segment(ids: string[], scope: Scope, path: string): SqlFragment {
    const parts = [...new Set(ids)].map((documentId) => {
      if (this.plan.writtenInPlace(documentId)) return this.inPlaceSegment(documentId, scope, path);
      const name = this.segmentQuery(documentId, path);
      return frag(`${this.sql.column(scope.alias, 'id')} IN (SELECT ${this.sql.id('id')} FROM ${this.sql.id(name)})`);
    });
    return parts.length === 0 ? FALSE : parts.length === 1 ? parts[0] : joinFragments(parts.map(wrap), ' OR ');
  }

  /** A saved segment's predicate over the contact row `alias`, and the values its own tree lists. */
  private segmentPredicate(tree: FilterGroup, alias: string): [SqlFragment, number] {
    this.inSegment += 1;
    try {
      return this.listed.apart(() => this.group(tree, { alias, fields: this.options.model.fields }, ''));
    } finally {
      this.inSegment -= 1;
    }
  }

  /** Whether the rule at `path` of the root tree is written per contact (`contactDriven`); a saved segment's paths are its own. */
  private contactDriven(path: string): boolean {
    return this.inSegment === 0 && (this.options.contactDriven?.has(path) ?? false);
  }

  /** The predicate, on published contacts only where the contact type has draft & publish. */
  private published(predicate: SqlFragment, alias: string): SqlFragment {
    const { publishedAtColumn } = this.options.model.contact;
    if (!publishedAtColumn) return predicate;
    return frag(`(${predicate.sql}) AND ${this.sql.column(alias, publishedAtColumn)} IS NOT NULL`, predicate.bindings);
  }

  /**
   * A segment named in one place only is its predicate, written there on the same contact row, as
   * an expert would flatten it (a chain of three at 100k contacts: 2.7x the flat hand-written SQL
   * as CTEs on PostgreSQL). Paths cannot multiply it: nothing else names it.
   */
  private inPlaceSegment(documentId: string, scope: Scope, path: string): SqlFragment {
    return this.plan.within(documentId, path, (tree) => {
      const [predicate, listedValues] = this.segmentPredicate(tree, scope.alias);
      this.plan.addInPlace({ documentId, listedValues, ...predicate });
      return this.published(predicate, scope.alias);
    });
  }

  /** The CTE name of a saved segment, compiling it (and the segments it uses, first) on first use. */
  private segmentQuery(documentId: string, path: string): string {
    const known = this.plan.cteOf(documentId);
    if (known) return known;
    const sql = this.sql;
    const alias = this.nextAlias('s');
    return this.plan.within(documentId, path, (tree) => {
      const [predicate, listedValues] = this.segmentPredicate(tree, alias);
      const where = this.published(predicate, alias);
      return this.plan.addCte({
        documentId,
        listedValues,
        materialized: sql.materializeCte,
        sql: `SELECT ${sql.column(alias, 'id')} AS ${sql.id('id')} FROM ${sql.id(this.options.model.contact.table)} ${sql.id(alias)} WHERE ${where.sql}`,
        bindings: where.bindings,
      });
    });
  }
}

const wrap = (p: SqlFragment): SqlFragment => frag(`(${p.sql})`, p.bindings);

const linkKey = (via: Link) => `${via.joinTable}\u0000${via.sourceColumn}`;

/** The to-one link a rule or group only asks about through positive rules, if there is one. */
function linkOnly(node: FilterRule | FilterGroup, fields: Record<string, FieldBinding>): Link | undefined {
  if (isGroup(node)) {
    if (node.not || node.rules.length === 0) return undefined;
    const links = node.rules.map((child) => linkOnly(child, fields));
    const first = links[0];
    return first && links.every((l) => l && linkKey(l) === linkKey(first)) ? first : undefined;
  }
  if (NEGATIONS[node.operator]) return undefined;
  const binding = fields[node.field];
  return binding?.kind === 'scalar' ? binding.via : undefined;
}

/** The fields as seen from the related row of a link: its columns, read directly. */
function targetFields(fields: Record<string, FieldBinding>, key: string): Record<string, FieldBinding> {
  const out: Record<string, FieldBinding> = {};
  for (const [name, binding] of Object.entries(fields)) {
    if (binding.kind === 'scalar' && binding.via && linkKey(binding.via) === key) out[name] = { ...binding, via: undefined };
  }
  return out;
}
