/**
 * Filter tree → one SQL predicate over the contact table (SPEC §3).
 *
 * Every fragment it produces is two-valued: it is TRUE or FALSE for every row, never NULL, so
 * `NOT` is the exact complement and count(T) + count(not T) = all contacts. Relations are read
 * through sub-queries on Strapi's join tables, never joins on the outer query, so rows are never
 * multiplied: EXISTS / NOT EXISTS for some/none/all (planners turn them into semi/anti joins), and
 * for aggregates (thresholds, the latest activity, "engaged with all of") one uncorrelated
 * `id IN (SELECT ... GROUP BY ... HAVING ...)` set, computed once rather than once per contact.
 * Values are always bound; identifiers come only from the engine model.
 */
import { NEGATIONS, NUMBER_TYPES, TEXT_TYPES } from '../../shared/catalog';
import type { ScalarType } from '../../shared/catalog';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { parseDateValue, resolveCalendarDay, resolveInstant } from './date-math';
import { FALSE, TRUE, SqlDialect, frag, joinFragments, not, type DialectOptions } from './sql';
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
  segments: SegmentSource;
}

interface Scope {
  alias: string;
  fields: Record<string, FieldBinding>;
}

const TEXT = new Set<string>(TEXT_TYPES);
const NUMBER = new Set<string>(NUMBER_TYPES);
const COMPARISONS = new Set(['=', '<', '<=', '>', '>=']);

/** Compiles a tree to a predicate over the contact table aliased `alias`. */
export function compileFilter(tree: FilterGroup, options: CompileOptions, alias = 'c'): SqlFragment {
  return new Compiler(options).group(tree, { alias, fields: options.model.fields }, '');
}

class Compiler {
  private readonly sql: SqlDialect;
  private aliasCount = 0;
  private readonly segmentStack: string[] = [];

  constructor(private readonly options: CompileOptions) {
    this.sql = new SqlDialect(options);
  }

  group(group: FilterGroup, scope: Scope, path: string): SqlFragment {
    const parts = group.rules.map((node, i) => {
      const at = `${path}rules[${i}]`;
      return isGroup(node) ? this.group(node, scope, `${at}.`) : this.rule(node, scope, at);
    });
    let result: SqlFragment;
    if (parts.length === 0) result = TRUE;
    else if (parts.length === 1) result = parts[0];
    else result = joinFragments(parts.map(wrap), group.combinator === 'or' ? ' OR ' : ' AND ');
    return group.not ? not(result) : result;
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
          ? this.exists(binding.via, scope.alias, (t) => this.scalar(this.sql.column(t, binding.column), binding, operator, rule.value, path))
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
  private scalar(expr: string, binding: { type: ScalarType; options?: string[] }, operator: string, value: unknown, path: string): SqlFragment {
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
      if (operator === 'in') {
        const values = (value as unknown[]).map((v) => sql.lowerValue(String(v)));
        return frag(`${sql.exact(lowered)} IN (${values.map(() => sql.exact('?')).join(', ')})`, values);
      }
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
      if (operator === 'in') {
        const values = (value as unknown[]).map(Number);
        return frag(`${expr} IN (${values.map(() => sql.number()).join(', ')})`, values);
      }
      if (operator === 'between') {
        const [low, high] = (value as unknown[]).map(Number);
        return frag(`${expr} >= ${sql.number()} AND ${expr} <= ${sql.number()}`, [low, high]);
      }
      if (COMPARISONS.has(operator)) return frag(`${expr} ${operator} ${sql.number()}`, [Number(value)]);
    } else if (type === 'boolean') {
      if (operator === '=') return frag(`${expr} = ?`, [sql.boolean(value as boolean)]);
    } else if (type === 'date' || type === 'datetime') {
      const bound = (v: unknown) => {
        const parsed = parseDateValue(v);
        if (!parsed) throw new EngineError(`"${String(v)}" is not a date`, `${path}.value`);
        const instant = resolveInstant(parsed, this.options.now);
        if (Number.isNaN(instant.getTime())) throw new EngineError(`"${String(v)}" is not a valid date`, `${path}.value`);
        return type === 'date' ? resolveCalendarDay(parsed, this.options.now) : sql.instant(instant);
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

  private nextAlias(prefix: string): string {
    this.aliasCount += 1;
    return `${prefix}${this.aliasCount}`;
  }

  /**
   * FROM/WHERE of the rows a link leads to. With `sourceAlias` the sub-query is correlated to that
   * row; without it, it ranges over every source row (`key` is the source id column), for the
   * grouped forms below.
   */
  private linked(link: Link, sourceAlias?: string): { alias: string; key: string; from: string; where: string[] } {
    const sql = this.sql;
    const j = this.nextAlias('j');
    const t = this.nextAlias('t');
    const key = sql.column(j, link.sourceColumn);
    const where = [sourceAlias ? `${key} = ${sql.column(sourceAlias, 'id')}` : `${key} IS NOT NULL`];
    if (link.target.publishedOnly) where.push(`${sql.column(t, 'published_at')} IS NOT NULL`);
    return {
      alias: t,
      key,
      from: `${sql.id(link.joinTable)} ${sql.id(j)} JOIN ${sql.id(link.target.table)} ${sql.id(t)} ON ${sql.column(t, 'id')} = ${sql.column(j, link.targetColumn)}`,
      where,
    };
  }

  private exists(link: Link, sourceAlias: string, condition?: (alias: string) => SqlFragment): SqlFragment {
    const { alias, from, where } = this.linked(link, sourceAlias);
    const extra = condition ? wrap(condition(alias)) : undefined;
    const clauses = extra ? [...where, extra.sql] : where;
    return frag(`EXISTS (SELECT 1 FROM ${from} WHERE ${clauses.join(' AND ')})`, extra?.bindings ?? []);
  }

  /**
   * `source.id IN (SELECT key ... GROUP BY key HAVING ...)`: an aggregate over related rows as one
   * uncorrelated set, which the database computes once instead of once per contact. The set never
   * holds NULL, so `NOT` of it stays two-valued.
   */
  private grouped(
    link: Link,
    sourceAlias: string,
    build: (alias: string) => { where?: SqlFragment; having?: SqlFragment }
  ): SqlFragment {
    const { alias, key, from, where } = this.linked(link);
    const { where: extra, having } = build(alias);
    const clauses = extra ? [...where, wrap(extra).sql] : where;
    const tail = having ? ` GROUP BY ${key} HAVING ${having.sql}` : '';
    return frag(`${this.sql.column(sourceAlias, 'id')} IN (SELECT ${key} FROM ${from} WHERE ${clauses.join(' AND ')}${tail})`, [
      ...(extra?.bindings ?? []),
      ...(having?.bindings ?? []),
    ]);
  }

  private reference(link: Link, sourceAlias: string, operator: string, value: unknown): SqlFragment {
    if (operator === 'notNull') return this.exists(link, sourceAlias);
    const ids = operator === 'in' ? (value as string[]) : [value as string];
    return this.exists(link, sourceAlias, (t) =>
      frag(`${this.sql.exact(this.sql.column(t, 'document_id'))} IN (${ids.map(() => this.sql.exact('?')).join(', ')})`, ids)
    );
  }

  /** A positive operator on the latest related value: the contacts whose MAX satisfies it. */
  private latest(binding: Extract<FieldBinding, { kind: 'latest' }>, sourceAlias: string, operator: string, value: unknown, path: string): SqlFragment {
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

  /** The campaigns a rule's value names: listed documentIds, or the last N sent by `now`. */
  private campaignSet(events: EngagementBinding, value: { campaigns?: string[]; last?: number }, campaignAlias: string) {
    const sql = this.sql;
    const campaign = events.campaignLink.target;
    if (value.campaigns) {
      const ids = [...new Set(value.campaigns)];
      return {
        member: frag(`${sql.exact(sql.column(campaignAlias, 'document_id'))} IN (${ids.map(() => sql.exact('?')).join(', ')})`, ids),
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
      if (campaign.publishedOnly) conditions.push(`${sql.column(k, 'published_at')} IS NOT NULL`);
      // A derived table lets MySQL/MariaDB use LIMIT inside IN (...); N is a validated integer.
      return frag(
        `(SELECT ${sql.column(k, 'id')} FROM ${sql.id(campaign.table)} ${sql.id(k)} WHERE ${conditions.join(' AND ')} ` +
          `ORDER BY ${sql.column(k, events.campaignSentAtColumn)} DESC, ${sql.column(k, 'created_at')} DESC, ${sql.column(k, 'id')} DESC ` +
          `LIMIT ${Math.trunc(value.last!)}) ${sql.id(this.nextAlias('n'))}`,
        [sql.instant(this.options.now)]
      );
    };
    const members = last();
    const member = frag(`${sql.column(campaignAlias, 'id')} IN (SELECT * FROM ${members.sql})`, members.bindings);
    const counted = last();
    const size = frag(`(SELECT COUNT(*) FROM ${counted.sql})`, counted.bindings);
    return { member, size, empty: frag(`${size.sql} = 0`, size.bindings) as SqlFragment | undefined };
  }

  private engagement(eventType: string, events: EngagementBinding, rule: FilterRule, contactAlias: string): SqlFragment {
    const sql = this.sql;
    const value = rule.value as { campaigns?: string[]; last?: number };
    // Events of the type, of a campaign in the set: correlated to the contact, or grouped by it.
    const engaged = (correlated: boolean) => {
      const ev = this.linked(events.eventsLink, correlated ? contactAlias : undefined);
      const camp = this.linked(events.campaignLink, ev.alias);
      const set = this.campaignSet(events, value, camp.alias);
      const where = [...ev.where, `${sql.column(ev.alias, events.typeColumn)} = ?`, ...camp.where, set.member.sql];
      // The campaign link is joined through its WHERE conditions (an inner join to every planner).
      return { ev, camp, set, body: frag(`FROM ${ev.from} CROSS JOIN ${camp.from} WHERE ${where.join(' AND ')}`, [eventType, ...set.member.bindings]) };
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
        const { ev, camp, set, body } = engaged(false);
        const everyOne = frag(
          `${sql.column(contactAlias, 'id')} IN (SELECT ${ev.key} ${body.sql} GROUP BY ${ev.key} ` +
            `HAVING COUNT(DISTINCT ${sql.column(camp.alias, 'document_id')}) = ${set.size.sql})`,
          [...body.bindings, ...set.size.bindings]
        );
        return set.empty ? joinFragments([wrap(set.empty), wrap(everyOne)], ' OR ') : everyOne;
      }
      default:
        throw new EngineError(`operator "${rule.operator}" does not apply to email engagement`, 'operator');
    }
  }

  // ---- segments --------------------------------------------------------------------------------

  private segment(ids: string[], scope: Scope, path: string): SqlFragment {
    const parts = ids.map((documentId) => {
      if (this.segmentStack.includes(documentId)) {
        const cycle = [...this.segmentStack.slice(this.segmentStack.indexOf(documentId)), documentId];
        throw new EngineError(`segments reference each other in a cycle: ${cycle.join(' → ')}`, `${path}.value`);
      }
      const tree = this.options.segments(documentId);
      if (!tree) throw new EngineError(`segment "${documentId}" does not exist`, `${path}.value`);
      this.segmentStack.push(documentId);
      try {
        // A segment's tree is always over contacts, whatever scope refers to it.
        return this.group(tree, { alias: scope.alias, fields: this.options.model.fields }, '');
      } catch (error) {
        if (error instanceof EngineError && this.segmentStack.length === 1) {
          throw new EngineError(`in segment "${documentId}": ${error.message}`, `${path}.value`);
        }
        throw error;
      } finally {
        this.segmentStack.pop();
      }
    });
    return parts.length === 0 ? FALSE : parts.length === 1 ? parts[0] : joinFragments(parts.map(wrap), ' OR ');
  }
}

const wrap = (p: SqlFragment): SqlFragment => frag(`(${p.sql})`, p.bindings);
