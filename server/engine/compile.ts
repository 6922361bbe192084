/**
 * Filter tree → one SQL predicate over the contact table (docs/semantics.md), plus one named sub-query
 * (a CTE) per saved segment the tree reaches.
 *
 * Invariants:
 * - Every fragment it produces is two-valued: it is TRUE or FALSE for every row, never NULL, so
 *   `NOT` is the exact complement and count(T) + count(not T) = all contacts.
 * - Relations are read through sub-queries on Strapi's join tables, never joins on the outer query,
 *   so rows are never multiplied: EXISTS / NOT EXISTS for some/none/all (planners turn them into
 *   semi/anti joins), and for aggregates (thresholds, the latest activity, "engaged with all of")
 *   one uncorrelated `id IN (SELECT ... GROUP BY ... HAVING ...)` set, computed once rather than
 *   once per contact.
 * - Each saved segment is compiled once per query, however many paths reach it. Named in one
 *   place only, it is written there, its predicate on the same contact row (a chain of segments
 *   each built on the last is one flat predicate). Named in more, it becomes the CTE
 *   `segment_<n>` (`SELECT id FROM contacts WHERE <its tree>`), listed after the CTEs it uses,
 *   and a rule on it is `id IN (SELECT id FROM segment_<n>)`. So the SQL grows with the number of
 *   distinct segments, not with the number of paths (a 3-wide, 8-deep chain is 20 CTEs, not 3^8
 *   copies). The CTE set never holds NULL, so `NOT` of it stays two-valued. The CTE's SQL can as
 *   well fill a table of that name first (sql.ts, `segmentStaging`) where the database would plan
 *   every reference to a CTE apart; `expansion` says how many copies that would be.
 * - Values are always bound; identifiers come only from the engine model. A list of values (`in`,
 *   campaigns, documentIds) is ONE parameter (`SqlDialect.list`), numbers are bound as exact
 *   decimal strings, never through a float.
 * - The whole query has a size limit (QUERY_LIMITS), checked here before anything runs: past it
 *   `QueryTooLargeError` names the segments that make it big.
 */
import { NEGATIONS, NUMBER_TYPES, TEXT_TYPES } from '../../shared/catalog';
import type { ScalarType } from '../../shared/catalog';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { parseDateValue } from '../../shared/dates/parse';
import { resolveCalendarDay, resolveInstant } from '../../shared/dates/resolve';
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
}

/** A saved segment compiled once, as a named sub-query over the contact table. */
export interface SegmentQuery extends SqlFragment {
  /** The CTE name (`segment_1`, ...): CTEs come after every CTE they use. */
  name: string;
  documentId: string;
  /** Values listed by this segment's own tree (not by the segments it uses). */
  listedValues: number;
  /** Write it `AS MATERIALIZED` (the dialect's choice). */
  materialized: boolean;
}

export interface CompiledFilter {
  /** The predicate over the contact table aliased as asked. */
  predicate: SqlFragment;
  /** The segments it uses, in dependency order (a WITH clause in this order is valid). */
  segments: SegmentQuery[];
  size: QuerySize;
  expansion: SegmentExpansion;
}

/**
 * What a database that plans every reference to a shared segment apart would plan: one copy of a
 * segment per path from the tree to it. `heaviest` is the tree's rule that brings the most.
 */
export interface SegmentExpansion {
  copies: number;
  heaviest?: { path: string; documentId: string; copies: number };
}

export interface QuerySize {
  /** Values listed in `in`/`notIn`/campaign/segment lists, the tree's and all its segments'. */
  listedValues: number;
  /** Bound parameters of the whole statement (each list counts one). */
  parameters: number;
  /** Characters of SQL of the predicate and every segment's sub-query. */
  sqlLength: number;
}

/**
 * How big one query may get, the submitted tree and every segment it reaches together (each tree
 * alone is also limited by the validator: 500 rules, 5,000 listed values). Under every database's
 * own limits: bound parameters (SQLite 32,766; PostgreSQL, MySQL 65,535; a list is one parameter,
 * except text lists on MySQL/MariaDB, one a value) and MySQL/MariaDB's 16 MB packet.
 */
export const QUERY_LIMITS = {
  segments: 100,
  listedValues: 100_000,
  parameters: 30_000,
  sqlLength: 1_000_000,
};

export class QueryTooLargeError extends EngineError {
  constructor(
    message: string,
    readonly segments: { documentId: string; name: string }[],
  ) {
    super(message, 'rules');
    this.name = 'QueryTooLargeError';
  }
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
  const compiler = new Compiler(options, segmentUses(tree, options));
  const predicate = compiler.group(tree, { alias, fields: options.model.fields }, '');
  const compiled = {
    predicate,
    segments: compiler.compiledSegments,
    size: compiler.size(predicate),
    expansion: segmentExpansion(tree, options),
  };
  checkSize(compiled, [...compiler.compiledSegments, ...compiler.inlinedSegments], options);
  return compiled;
}

class Compiler {
  private readonly sql: SqlDialect;
  private aliasCount = 0;
  private readonly segmentStack: string[] = [];
  readonly compiledSegments: SegmentQuery[] = [];
  /** Segments written in place (named once), weighed like the others when a query is too large. */
  readonly inlinedSegments: Array<SqlFragment & { documentId: string; listedValues: number }> = [];
  private readonly segmentNames = new Map<string, string>();
  /** Values listed so far by the tree being compiled (the root, or the segment on top of the stack). */
  private listed = 0;
  private listedTotal = 0;

  constructor(
    private readonly options: CompileOptions,
    /** How many places name each saved segment (see `segmentUses`). */
    private readonly uses: Map<string, number>,
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
        return this.engagement(binding.eventType, binding.events, rule, scope.alias);
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
    this.listed += values.length;
    this.listedTotal += values.length;
    return this.sql.list(expr, values, kind);
  }

  size(predicate: SqlFragment): QuerySize {
    const all = [predicate, ...this.compiledSegments];
    return {
      listedValues: this.listedTotal,
      parameters: all.reduce((n, f) => n + f.bindings.length, 0),
      sqlLength: all.reduce((n, f) => n + f.sql.length, 0),
    };
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
   * already keeps only sent, published campaigns).
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
    const last = () => {
      const k = this.nextAlias('k');
      const conditions = [
        `${sql.column(k, events.campaignSentAtColumn)} IS NOT NULL`,
        `${sql.column(k, events.campaignSentAtColumn)} <= ?`,
      ];
      if (campaign.publishedAtColumn) conditions.push(`${sql.column(k, campaign.publishedAtColumn)} IS NOT NULL`);
      // A derived table lets MySQL/MariaDB use LIMIT inside IN (...); N is a validated integer.
      return frag(
        `(SELECT ${sql.column(k, 'id')} FROM ${sql.id(campaign.table)} ${sql.id(k)} WHERE ${conditions.join(' AND ')} ` +
          `ORDER BY ${sql.column(k, events.campaignSentAtColumn)} DESC, ${sql.column(k, campaign.createdAtColumn)} DESC, ${sql.column(k, 'id')} DESC ` +
          `LIMIT ${Math.trunc(value.last!)}) ${sql.id(this.nextAlias('n'))}`,
        [sql.instant(this.options.now)],
      );
    };
    const member = (idColumn: string) => {
      const members = last();
      return frag(`${idColumn} IN (SELECT * FROM ${members.sql})`, members.bindings);
    };
    const counted = last();
    const size = frag(`(SELECT COUNT(*) FROM ${counted.sql})`, counted.bindings);
    return { byId: true, member, size, empty: frag(`${size.sql} = 0`, size.bindings) as SqlFragment | undefined };
  }

  private engagement(eventType: string, events: EngagementBinding, rule: FilterRule, contactAlias: string): SqlFragment {
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
        const { ev, campaign, body } = engaged(false);
        const everyOne = frag(
          `${sql.column(contactAlias, 'id')} IN (SELECT ${ev.key} ${body.sql} GROUP BY ${ev.key} ` +
            `HAVING ${ev.keyNotNull} AND COUNT(DISTINCT ${campaign}) = ${set.size.sql})`,
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
      if (this.uses.get(documentId) === 1) return this.inlineSegment(documentId, scope, path);
      const name = this.segmentQuery(documentId, path);
      return frag(`${this.sql.column(scope.alias, 'id')} IN (SELECT ${this.sql.id('id')} FROM ${this.sql.id(name)})`);
    });
    return parts.length === 0 ? FALSE : parts.length === 1 ? parts[0] : joinFragments(parts.map(wrap), ' OR ');
  }

  /** A saved segment's tree, checked against cycles, with the segment pushed on the stack while `compile` runs. */
  private withSegment<T>(documentId: string, path: string, compile: (tree: FilterGroup) => T): T {
    if (this.segmentStack.includes(documentId)) {
      const cycle = [...this.segmentStack.slice(this.segmentStack.indexOf(documentId)), documentId];
      throw new EngineError(`segments reference each other in a cycle: ${cycle.join(' → ')}`, `${path}.value`);
    }
    const tree = this.options.segments(documentId);
    if (!tree) throw new EngineError(`segment "${documentId}" does not exist`, `${path}.value`);
    this.segmentStack.push(documentId);
    try {
      return compile(tree);
    } catch (error) {
      if (error instanceof EngineError && !(error instanceof QueryTooLargeError) && this.segmentStack.length === 1) {
        throw new EngineError(`in segment "${documentId}": ${error.message}`, `${path}.value`);
      }
      throw error;
    } finally {
      this.segmentStack.pop();
    }
  }

  /**
   * A segment named in one place only is its predicate, written there on the same contact row, as
   * an expert would flatten it (a chain of three at 100k contacts: 2.7x the flat hand-written SQL
   * as CTEs on PostgreSQL). Paths cannot multiply it: nothing else names it.
   */
  private inlineSegment(documentId: string, scope: Scope, path: string): SqlFragment {
    const outerListed = this.listed;
    this.listed = 0;
    return this.withSegment(documentId, path, (tree) => {
      // A segment's tree is always over contacts, whatever scope refers to it.
      const predicate = this.group(tree, { alias: scope.alias, fields: this.options.model.fields }, '');
      this.inlinedSegments.push({ documentId, listedValues: this.listed, ...predicate });
      this.listed = outerListed;
      const { publishedAtColumn } = this.options.model.contact;
      return publishedAtColumn
        ? frag(`(${predicate.sql}) AND ${this.sql.column(scope.alias, publishedAtColumn)} IS NOT NULL`, predicate.bindings)
        : predicate;
    });
  }

  /** The CTE name of a saved segment, compiling it (and the segments it uses, first) on first use. */
  private segmentQuery(documentId: string, path: string): string {
    const known = this.segmentNames.get(documentId);
    if (known) return known;
    const sql = this.sql;
    const { contact } = this.options.model;
    const alias = this.nextAlias('s');
    const outerListed = this.listed;
    this.listed = 0;
    return this.withSegment(documentId, path, (tree) => {
      // A segment's tree is always over contacts, whatever scope refers to it.
      const predicate = this.group(tree, { alias, fields: this.options.model.fields }, '');
      const where = contact.publishedAtColumn
        ? `(${predicate.sql}) AND ${sql.column(alias, contact.publishedAtColumn)} IS NOT NULL`
        : predicate.sql;
      const name = `segment_${this.compiledSegments.length + 1}`;
      this.compiledSegments.push({
        name,
        documentId,
        listedValues: this.listed,
        materialized: sql.materializeCte,
        sql: `SELECT ${sql.column(alias, 'id')} AS ${sql.id('id')} FROM ${sql.id(contact.table)} ${sql.id(alias)} WHERE ${where}`,
        bindings: predicate.bindings,
      });
      this.segmentNames.set(documentId, name);
      this.listed = outerListed;
      return name;
    });
  }
}

/**
 * How many places of the whole statement name each saved segment when every segment is compiled
 * once: the tree's own segment rules, and those of every segment it reaches (each walked once).
 * A segment named once can be written in place; one named twice or more becomes a CTE.
 */
function segmentUses(tree: FilterGroup, options: CompileOptions): Map<string, number> {
  const uses = new Map<string, number>();
  const walk = (group: FilterGroup) => {
    for (const node of group.rules) {
      if (isGroup(node)) walk(node);
      else if (options.model.fields[node.field]?.kind === 'segment' && Array.isArray(node.value)) {
        for (const id of new Set(node.value as string[])) {
          const seen = uses.has(id);
          uses.set(id, (uses.get(id) ?? 0) + 1);
          const reached = seen ? undefined : options.segments(id);
          if (reached) walk(reached);
        }
      }
    }
  };
  walk(tree);
  return uses;
}

/**
 * Copies of segments along every path (see SegmentExpansion), each segment's own count computed once:
 * linear in the segments, though the number it gives is not. Runs after compiling, so no cycle.
 */
function segmentExpansion(tree: FilterGroup, options: CompileOptions): SegmentExpansion {
  const memo = new Map<string, number>();
  const segmentRules = (group: FilterGroup, path: string, found: Array<{ path: string; ids: string[] }> = []) => {
    group.rules.forEach((node, i) => {
      if (isGroup(node)) segmentRules(node, `${path}rules[${i}].`, found);
      else if (options.model.fields[node.field]?.kind === 'segment' && Array.isArray(node.value)) {
        found.push({ path: `${path}rules[${i}].value`, ids: [...new Set(node.value as string[])] });
      }
    });
    return found;
  };
  const copiesOf = (documentId: string): number => {
    const known = memo.get(documentId);
    if (known !== undefined) return known;
    const reached = options.segments(documentId);
    const copies = 1 + (reached ? segmentRules(reached, '').reduce((n, r) => n + r.ids.reduce((m, id) => m + copiesOf(id), 0), 0) : 0);
    memo.set(documentId, copies);
    return copies;
  };
  let copies = 0;
  let heaviest: SegmentExpansion['heaviest'];
  for (const { path, ids } of segmentRules(tree, '')) {
    for (const documentId of ids) {
      const n = copiesOf(documentId);
      copies += n;
      if (!heaviest || n > heaviest.copies) heaviest = { path, documentId, copies: n };
    }
  }
  return { copies, ...(heaviest ? { heaviest } : {}) };
}

/** Refuses a query past QUERY_LIMITS, naming the segments that weigh the most. */
function checkSize(
  compiled: CompiledFilter,
  segments: Array<SqlFragment & { documentId: string; listedValues: number }>,
  options: CompileOptions,
) {
  const { size } = compiled;
  const nameOf = (id: string) => options.segmentName?.(id) ?? id;
  type Weighed = (typeof segments)[number];
  const heaviest = (weight: (s: Weighed) => number) => [...segments].sort((a, b) => weight(b) - weight(a)).slice(0, 10);
  const refuse = (what: string, named: Weighed[], weight?: (s: Weighed) => number) => {
    const list = named.map((s) => `"${nameOf(s.documentId)}"${weight ? ` (${weight(s).toLocaleString('en-US')})` : ''}`).join(', ');
    const more = segments.length > named.length ? ` and ${segments.length - named.length} more` : '';
    throw new QueryTooLargeError(
      `${what}${named.length > 0 ? ` through the segments ${list}${more}` : ''}; narrow the lists or use fewer segments together`,
      named.map((s) => ({ documentId: s.documentId, name: nameOf(s.documentId) })),
    );
  };
  const n = (x: number) => x.toLocaleString('en-US');
  if (compiled.segments.length > QUERY_LIMITS.segments) {
    refuse(
      `this filter uses ${n(compiled.segments.length)} segments; at most ${n(QUERY_LIMITS.segments)} can be evaluated together`,
      segments.slice(0, 10),
    );
  }
  if (size.listedValues > QUERY_LIMITS.listedValues) {
    const weight = (s: Weighed) => s.listedValues;
    refuse(
      `this filter lists ${n(size.listedValues)} values; at most ${n(QUERY_LIMITS.listedValues)} can be evaluated together`,
      heaviest(weight).filter((s) => s.listedValues > 0),
      weight,
    );
  }
  if (size.parameters > QUERY_LIMITS.parameters) {
    const weight = (s: Weighed) => s.bindings.length;
    refuse(
      `this filter needs ${n(size.parameters)} query parameters; at most ${n(QUERY_LIMITS.parameters)} are allowed`,
      heaviest(weight),
      weight,
    );
  }
  if (size.sqlLength > QUERY_LIMITS.sqlLength) {
    refuse(
      `this filter compiles to ${n(size.sqlLength)} characters of SQL; at most ${n(QUERY_LIMITS.sqlLength)} are allowed`,
      heaviest((s) => s.sql.length),
    );
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
