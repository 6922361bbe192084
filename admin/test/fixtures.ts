import type { SegmentRecord } from '../../shared/contracts/records';

/** A saved segment as the admin API returns it: never counted, with an empty tree, unless told otherwise. */
export const segmentRecord = (over: Partial<SegmentRecord> = {}): SegmentRecord => ({
  id: 1,
  documentId: 'lead1',
  name: 'Leads',
  description: null,
  filters: { combinator: 'and', rules: [] },
  aiPrompt: null,
  archived: false,
  lastCount: null,
  lastCountAt: null,
  lastCountMs: null,
  lastCountError: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});
