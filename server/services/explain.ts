/**
 * Per-condition counts of a tree (POST /segments/explain, shared/contracts/explain.ts): how many contacts each
 * rule and group matches alone and how many its group keeps at that point. Built only on the
 * audience service's public functions: every sub-tree is compiled like any tree, and the counts are
 * conditional aggregates `SUM(CASE WHEN <predicate> THEN 1 ELSE 0 END)` over the contacts, so one
 * scan answers many nodes. The tree's own count runs first and unbounded; the aggregates run under
 * `explainBudgetMs` and whatever is not counted in time answers `status: 'timeout'`.
 */
import type { Core } from '@strapi/strapi';
import type { Explanation, ExplainNode } from '../../shared/contracts/explain';
import type { FilterGroup } from '../../shared/filter-tree';
import { pluginConfig } from '../config/plugin-config';
import { interruptible, QueryCancelledError, withinBudget } from '../crm/bounded';
import { explainPlan } from '../engine/explain-plan';
import { cancelled } from '../errors';
import { getService } from '../utils/get-service';
import type { Audience } from './audience';

const EVERYONE: FilterGroup = { combinator: 'and', rules: [] };
/** Aggregates per statement where the database can stop a statement; bindings stay far below every driver's limit. */
const CHUNK = { expressions: 100, bindings: 20_000 };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const audience = () => getService(strapi, 'audience');
  const budgetMs = () => pluginConfig(strapi).explainBudgetMs;

  /**
   * One statement counting each predicate; the keys of the answer are `e<i>`. A predicate that reads
   * saved segments needs its own named sub-queries (CTEs, or tables staged first) with the statement,
   * so it comes alone (chunks()): `over` is what the read stages.
   */
  function aggregate(everyone: Audience, predicates: Audience[]) {
    const raw = strapi.db.connection.raw.bind(strapi.db.connection);
    const over = predicates.length === 1 ? { ...everyone, segments: predicates[0].segments, staged: predicates[0].staged } : everyone;
    const query = audience()
      .matching(over)
      .select(predicates.map((p, i) => raw(`SUM(CASE WHEN ${p.predicate.sql} THEN 1 ELSE 0 END) AS e${i}`, p.predicate.bindings as any[])));
    return { over, query };
  }

  /**
   * Groups the predicates into statements: one each on SQLite (so the budget is checked between them)
   * and for a predicate with its own segment CTEs (their names are per compilation).
   */
  function chunks(predicates: Audience[]): Audience[][] {
    if (!interruptible(strapi)) return predicates.map((p) => [p]);
    const out: Audience[][] = predicates.filter((p) => p.segments.length > 0).map((p) => [p]);
    let current: Audience[] = [];
    let bindings = 0;
    for (const p of predicates.filter((q) => q.segments.length === 0)) {
      const size = p.predicate.bindings.length;
      if (current.length > 0 && (current.length >= CHUNK.expressions || bindings + size > CHUNK.bindings)) {
        out.push(current);
        current = [];
        bindings = 0;
      }
      current.push(p);
      bindings += size;
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  return {
    /** `signal`: the caller gave up (the tree changed in the editor): the running statement stops, and a 499. */
    async explain(filters: unknown, { signal }: { signal?: AbortSignal } = {}): Promise<Explanation> {
      const tree = await audience().validate(filters);
      const now = new Date();
      const everyone = await audience().compile(EVERYONE, now);
      const compiled = await audience().compile(tree, now);
      const count = await audience().count(compiled, { signal });
      const total = await audience().count(everyone, { signal });

      // Distinct predicates only: a rule's `kept` as first child is the rule alone, and so on.
      const plan = explainPlan(tree);
      const byKey = new Map<string, Audience>();
      const keyOf = new Map<FilterGroup, string>();
      for (const sub of plan.flatMap((n) => [n.alone, n.kept])) {
        if (sub === tree || keyOf.has(sub)) continue;
        const a = await audience().compile(sub, now);
        const key = JSON.stringify([a.predicate.sql, a.predicate.bindings]);
        keyOf.set(sub, key);
        if (!byKey.has(key)) byKey.set(key, a);
      }

      const counted = new Map<Audience, number>();
      const deadline = performance.now() + budgetMs();
      for (const chunk of chunks([...byKey.values()])) {
        const statement = aggregate(everyone, chunk);
        const answer = await withinBudget<Record<string, number | string | null>>(
          strapi,
          deadline - performance.now(),
          statement.query,
          audience().staging(statement.over),
          signal,
        ).catch((error) => {
          throw error instanceof QueryCancelledError ? cancelled('the explanation was cancelled') : error;
        });
        if (answer.status === 'timeout') break;
        const row = answer.value[0];
        chunk.forEach((p, i) => counted.set(p, Number(row[`e${i}`] ?? 0)));
      }

      const valueOf = (sub: FilterGroup): number | null => (sub === tree ? count : (counted.get(byKey.get(keyOf.get(sub)!)!) ?? null));
      const nodes = plan.map(({ path, id, alone, kept }): ExplainNode => {
        const a = valueOf(alone);
        const k = valueOf(kept);
        return { path, ...(id ? { id } : {}), alone: a, kept: k, status: a === null || k === null ? 'timeout' : 'ok' };
      });
      return { total, count, nodes };
    },
  };
};
