/**
 * Explain (docs/explain.md), shared by server and admin.
 *
 *   POST /segments/explain          { filters }                      → Explanation
 *   POST /segments/explain/contact  { filters | segment, contact }   → ContactExplanation
 *
 * Nodes are the root group (`path: ""`), then every rule and group by its path (`rules[1].rules[0]`).
 * A to-many rule is one node: its sub-group is explained by the related-record counts, not per rule.
 *
 * - `alone`: the contacts the node matches by itself (a group with `not: true`: its complement).
 * - `kept`: the running value of the node's parent group at the node: for a child of an AND group the
 *   contacts matching every sibling up to and including it, of an OR group those matching any of them.
 *   The parent's `not` is not applied (the children read as written). A group's own `kept` is this
 *   running value at its position in its parent; the root's `kept` is `count`.
 *
 * A tree is checked by the tree validator: 400 with the path of each problem.
 */
import { z } from 'zod';
import { CUTS_MOST_SHARE } from './constants';
import { documentId, tree, type WithTree } from './fields';

export { CUTS_MOST_SHARE };

export const explainBody = z.object({ filters: tree });
export type ExplainBody = WithTree<z.input<typeof explainBody>>;

export const explainContactBody = z
  .object({
    filters: z.unknown().optional(),
    segment: documentId.optional(),
    contact: z.string({ error: 'contact is required (a contact documentId)' }).min(1, 'contact is required (a contact documentId)').max(64),
  })
  .refine((b) => (b.filters === undefined) !== (b.segment === undefined), {
    message: 'send either filters (a tree) or segment (a saved segment documentId), not both',
    path: ['filters'],
  });
export type ExplainContactBody = WithTree<z.input<typeof explainContactBody>>;

export type ExplainStatus = 'ok' | 'timeout';

export interface ExplainNode {
  path: string;
  id?: string;
  /** null when the time budget ran out before this node was counted (`status: 'timeout'`). */
  alone: number | null;
  kept: number | null;
  status: ExplainStatus;
}

export interface Explanation {
  /** Every contact. */
  total: number;
  /** The tree's count: always computed, whatever the time budget. */
  count: number;
  nodes: ExplainNode[];
}

export interface CampaignRef {
  documentId: string;
  name: string | null;
}

export interface ContactNode {
  path: string;
  id?: string;
  /** Whether the contact matches the node by itself; at the root, whether it is a member. */
  result: boolean;
  /** Scalar rules: the stored value(s) the rule compared (none: the contact has no related record, e.g. no company). */
  values?: unknown[];
  /** To-many rules: related records matching the sub-group, and all related records. */
  related?: { matched: number; total: number };
  /** Engagement rules: the campaign set as evaluated now, and those of it the contact engaged with. */
  campaigns?: { set: CampaignRef[]; engaged: string[] };
  /** Segment rules: each referenced segment and whether the contact is its member. */
  segments?: Array<{ documentId: string; name: string; result: boolean }>;
}

export interface ContactExplanation {
  contact: { documentId: string; name: string; email: string | null };
  member: boolean;
  nodes: ContactNode[];
}
