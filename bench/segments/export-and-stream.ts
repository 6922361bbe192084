/**
 * The two whole-audience operations on one saved segment: Export to List (its time, and the
 * longest event-loop stall while it runs) and stream() (batches of contact entities from one
 * snapshot of the member ids), with the memory stream() holds on to.
 */
import type { Core } from '@strapi/strapi';
import type { FilterGroup } from '../../shared/filter-tree';
import { longestStall } from './event-loop-stall';

export interface ExportResult {
  segment: string;
  members: number;
  ms: number;
  rowsPerSecond: number;
  /** the longest gap between turns of a 10 ms timer during the export: how long Strapi stopped answering */
  stallMs: number;
}

export interface StreamResult {
  segment: string;
  contacts: number;
  batches: number;
  ms: number;
  rowsPerSecond: number;
  /** highest RSS seen while iterating, minus the RSS before (after a forced GC) */
  peakRssGrowthMb: number;
  /** RSS before, and the highest seen while iterating */
  rssBeforeMb: number;
  peakRssMb: number;
  /** heap used after the iteration and a forced GC, minus the same before */
  heapGrowthAfterGcMb: number;
  /** false when node ran without --expose-gc: the heap figures then include garbage */
  gcForced: boolean;
}

const MB = 1024 * 1024;

function collect(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc(); // a second pass frees what the first one's finalizers released
  return true;
}

export async function saveSegment(strapi: Core.Strapi, name: string, filters: FilterGroup): Promise<string> {
  const segment = await strapi.plugin('segments').service('segments').create({ name, filters });
  return segment.documentId as string;
}

export async function measureExport(strapi: Core.Strapi, documentId: string): Promise<ExportResult> {
  let list: { memberCount?: number; frozenCount?: number } = {};
  const { ms, stallMs } = await longestStall(async () => {
    list = await strapi.plugin('segments').service('segments').exportToList(documentId, { name: 'Bench export' });
  });
  const members = Number(list.memberCount ?? list.frozenCount);
  return { segment: documentId, members, ms, rowsPerSecond: members / (ms / 1000), stallMs };
}

export async function measureStream(strapi: Core.Strapi, documentId: string, batchSize = 500): Promise<StreamResult> {
  const gcForced = collect();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  // Sampled on a timer too: a batch's peak may fall between two batches' samples.
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  let contacts = 0;
  let batches = 0;
  const started = performance.now();
  try {
    for await (const batch of strapi.plugin('segments').service('segments').stream(documentId, { batchSize })) {
      contacts += batch.length;
      batches += 1;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - started;
  collect();
  const after = process.memoryUsage();
  return {
    segment: documentId,
    contacts,
    batches,
    ms,
    rowsPerSecond: contacts / (ms / 1000),
    peakRssGrowthMb: (peakRss - before.rss) / MB,
    rssBeforeMb: before.rss / MB,
    peakRssMb: peakRss / MB,
    heapGrowthAfterGcMb: (after.heapUsed - before.heapUsed) / MB,
    gcForced,
  };
}
