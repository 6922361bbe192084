/**
 * Watching a segment (docs/performance.md, "Watching a segment"): "lead score ≥ 50" watched, then its refreshes
 * timed: the baseline (every member written), one with nothing changed, and one after 1% of all
 * contacts changed sides (half enter, half leave); then the feed read back 10,000 changes a page.
 * With the RSS growth during the baseline (the heaviest refresh: every member written) and the
 * longest event-loop stall of all three.
 */
import type { Core } from '@strapi/strapi';
import { longestStall } from './event-loop-stall';

export interface WatchResult {
  members: number;
  baselineMs: number;
  unchangedMs: number;
  churn: { contacts: number; entered: number; left: number; ms: number };
  /** reading the whole feed of the churn refresh, 10,000 changes a page; msPerPage over the pages that held changes */
  feed: { changes: number; pages: number; msPerPage: number };
  /** highest RSS during the baseline minus the RSS before it */
  peakRssGrowthMb: number;
  /** the longest event-loop stall during any of the three refreshes */
  stallMs: number;
}

const MB = 1024 * 1024;
const PAGE = 10_000;

export async function measureWatch(strapi: Core.Strapi): Promise<WatchResult> {
  const segments = strapi.plugin('segments').service('segments');
  const segment = await segments.create({
    name: 'Bench: watched',
    filters: { combinator: 'and', rules: [{ field: 'leadScore', operator: '>=', value: 50 }] },
    watched: true,
  });

  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  let baseline = { count: 0 };
  const first = await longestStall(async () => {
    baseline = await segments.refresh(segment.documentId);
  }).finally(() => clearInterval(sampler));
  const unchanged = await longestStall(() => segments.refresh(segment.documentId));

  // 1% of all contacts cross the line: above 50 drop to 10, the others rise to 90.
  const meta = strapi.db.metadata.get('api::contact.contact' as any) as any;
  const score = meta.attributes.leadScore.columnName;
  const crossed = await strapi.db.connection.raw(`UPDATE ?? SET ?? = CASE WHEN ?? >= 50 THEN 10 ELSE 90 END WHERE id % 100 = 7`, [
    meta.tableName,
    score,
    score,
  ]);
  const contacts = Number(crossed?.changes ?? crossed?.rowCount ?? crossed?.[0]?.affectedRows ?? 0);
  let churned = { entered: 0, left: 0 };
  const churn = await longestStall(async () => {
    churned = await segments.refresh(segment.documentId);
  });

  let changes = 0;
  let after: string | null = null;
  // The last page of a feed that fills whole pages holds nothing: it is not timed.
  const pageMs: number[] = [];
  for (;;) {
    const started = performance.now();
    const page: { data: unknown[]; meta: { next: string | null } } = await segments.changes(segment.documentId, { after, limit: PAGE });
    if (page.data.length > 0) pageMs.push(performance.now() - started);
    changes += page.data.length;
    after = page.meta.next;
    if (page.data.length < PAGE) break;
  }

  return {
    members: baseline.count,
    baselineMs: first.ms,
    unchangedMs: unchanged.ms,
    churn: { contacts, entered: churned.entered, left: churned.left, ms: churn.ms },
    feed: { changes, pages: pageMs.length, msPerPage: pageMs.reduce((a, b) => a + b, 0) / Math.max(1, pageMs.length) },
    peakRssGrowthMb: (peakRss - rssBefore) / MB,
    stallMs: Math.max(first.stallMs, unchanged.stallMs, churn.stallMs),
  };
}
