/**
 * The plugin's stored records as the API answers them: segments (routes under
 * /segments/segments) and static lists (/segments/lists). docs/api.md describes the routes.
 */
import type { FilterGroup } from '../filter-tree';

export interface SegmentRecord {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  filters: FilterGroup;
  aiPrompt: string | null;
  archived: boolean;
  lastCount: number | null;
  lastCountAt: string | null;
  lastCountMs: number | null;
  /** Why the last count failed; cleared by the next count that succeeds. */
  lastCountError: string | null;
  /** Whether the plugin keeps its membership and a change feed (docs/watching.md); null on rows older than the flag. */
  watched?: boolean | null;
  createdAt: string;
  updatedAt: string;
}

export interface ListRecord {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  segmentName: string | null;
  filters: unknown;
  frozenAt: string | null;
  /** Members now: a contact deleted after the freeze leaves the list (Strapi cascades its link rows). */
  memberCount: number;
  /** Members when the list was frozen. */
  frozenCount: number;
  createdAt: string;
  updatedAt: string;
  segment?: { documentId: string; name: string } | null;
}
