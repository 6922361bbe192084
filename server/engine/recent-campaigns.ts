/**
 * "The last N campaigns" read before compiling, so that the statement names them by id.
 *
 * Written as a sub-query (`campaign IN (SELECT id … ORDER BY sentAt DESC LIMIT N)`), the set is
 * opaque to the planner: PostgreSQL cannot use its statistics of the events per campaign, and
 * MariaDB plans the derived table inside every events probe. Named by id, the same count took
 * `noopen5` at 100,000 contacts from 2.5 to 1.1 s on MariaDB and from 0.2 to 0.16 s on PostgreSQL
 * (docs/performance.md, "Plans an expert would write").
 *
 * The caller reads `lastSentCampaigns` once per campaign table, for the largest N the tree and
 * its segments ask, at the query's `now`, and passes the ids to the compiler (`CompileOptions.recentCampaigns`);
 * a smaller N is a prefix of them. Only up to RESOLVED_LAST_AT_MOST: each id is one bound value, and
 * the set stays a sub-query above it.
 */
import { isGroup, type FilterGroup } from '../../shared/filter-tree';
import { frag, type SqlDialect } from './sql';
import type { EngagementBinding, FieldBinding, SqlFragment } from './types';

/** The largest `last: N` named by id; past it, the sub-query (one bound value per id, and N may be 1,000). */
export const RESOLVED_LAST_AT_MOST = 50;

/** The sent, published campaigns of one campaign table, newest first, as `lastSentCampaigns` read them. */
export interface RecentCampaigns {
  /** How many were asked for: `ids` holds fewer only when fewer had been sent. */
  limit: number;
  ids: readonly number[];
}

/** What to read: per campaign table, the binding that reads it and the largest N asked (at most RESOLVED_LAST_AT_MOST). */
export function recentCampaignNeeds(
  trees: Iterable<FilterGroup>,
  fields: Record<string, FieldBinding>,
): Map<string, { events: EngagementBinding; limit: number }> {
  const needs = new Map<string, { events: EngagementBinding; limit: number }>();
  const visit = (group: FilterGroup) => {
    for (const node of group.rules) {
      if (isGroup(node)) {
        visit(node);
        continue;
      }
      // Engagement is a contact field: to-many sub-trees (other fields) are not entered.
      const binding = fields[node.field];
      const last = (node.value as { last?: unknown } | undefined)?.last;
      if (binding?.kind !== 'engagement' || typeof last !== 'number' || last > RESOLVED_LAST_AT_MOST) continue;
      const table = binding.events.campaignLink.target.table;
      const known = needs.get(table);
      needs.set(table, { events: binding.events, limit: Math.max(known?.limit ?? 0, Math.trunc(last)) });
    }
  };
  for (const tree of trees) visit(tree);
  return needs;
}

/**
 * `SELECT id` of the last `limit` campaigns sent by `now`, newest first (docs/semantics.md, "Engagement":
 * sent and published, ties to the later created), the campaigns table aliased `alias`. The compiler's
 * sub-query and the read before compiling are both this statement, so a prefix of what the read
 * returns is exactly the sub-query's set. `limit` is a validated integer.
 */
export function lastSentCampaigns(events: EngagementBinding, alias: string, limit: number, now: Date, sql: SqlDialect): SqlFragment {
  const campaign = events.campaignLink.target;
  const sentAt = sql.column(alias, events.campaignSentAtColumn);
  const conditions = [`${sentAt} IS NOT NULL`, `${sentAt} <= ?`];
  if (campaign.publishedAtColumn) conditions.push(`${sql.column(alias, campaign.publishedAtColumn)} IS NOT NULL`);
  return frag(
    `SELECT ${sql.column(alias, 'id')} FROM ${sql.id(campaign.table)} ${sql.id(alias)} WHERE ${conditions.join(' AND ')} ` +
      `ORDER BY ${sentAt} DESC, ${sql.column(alias, campaign.createdAtColumn)} DESC, ${sql.column(alias, 'id')} DESC LIMIT ${Math.trunc(limit)}`,
    [sql.instant(now)],
  );
}
