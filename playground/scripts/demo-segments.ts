/**
 * Example segments for the demo, so the Segments page shows the product at first login: the five
 * example prompts (playground/scripts/spec-prompts.ts, listed in the README's Quick start) with exactly their trees, a segment built on
 * another, and a static list exported from a segment, each with its count taken.
 *
 * Saved through the plugin's service, like a user's segments: validated, and the segment-on-segment
 * reference checked. Only on an app without any segment: once someone has segments (these or their
 * own), a later run leaves them alone, so it never duplicates or resurrects a deleted example.
 */
import type { Core } from '@strapi/strapi';
import type { FilterGroup, FilterRule } from '../../shared/filter-tree';
import { SPEC_PROMPTS, type SpecPromptId } from './spec-prompts';

type Strapi = Core.Strapi;

const SEGMENT_UID = 'plugin::segments.segment';

const and = (...rules: Array<FilterRule | FilterGroup>): FilterGroup => ({ combinator: 'and', rules });
const rule = (field: string, operator: string, value?: unknown): FilterRule => ({ field, operator, value });

export interface DemoSegment {
  name: string;
  /** What it answers, in words (the product page's prompt): the segment's description. */
  description: string;
  filters: FilterGroup;
}

const NAMES: Record<SpecPromptId, string> = {
  p1: 'Not contacted in 60 days',
  p2: 'Healthcare leads without a deal',
  p3: "Clicked our last campaign but didn't buy",
  p4: 'Companies over 100 employees in France',
  p5: 'German enterprise openers without a recent deal',
};

/** The product page's five prompts (playground/scripts/spec-prompts.ts), named for the Segments page. */
export const SPEC_PROMPT_SEGMENTS: DemoSegment[] = SPEC_PROMPTS.map((p) => ({
  name: NAMES[p.id],
  description: p.prompt,
  filters: p.filters,
}));

export const HEALTHCARE = 'Healthcare leads without a deal';
export const HEALTHCARE_SUBSCRIBED = 'Healthcare leads without a deal, not unsubscribed';
export const DEMO_LIST = 'Healthcare leads without a deal (frozen)';

/** A segment on a segment: the healthcare one, minus the unsubscribed. */
export const nestedSegment = (healthcareId: string): DemoSegment => ({
  name: HEALTHCARE_SUBSCRIBED,
  description: `Members of "${HEALTHCARE}" who can still be emailed.`,
  filters: and(rule('segment', 'in', [healthcareId]), rule('unsubscribed', '=', false)),
});

export interface DemoSegmentsResult {
  /** false when the app already had segments and nothing was touched */
  created: boolean;
  segments: Array<{ documentId: string; name: string; count: number }>;
  list: { documentId: string; name: string; memberCount: number } | null;
}

/** Saves the example segments and list on an app without segments; see the file comment. */
export async function ensureDemoSegments(strapi: Strapi): Promise<DemoSegmentsResult> {
  if ((await strapi.db.query(SEGMENT_UID as any).count()) > 0) return { created: false, segments: [], list: null };

  const service = strapi.plugin('segments').service('segments') as any;
  const saved: Array<{ documentId: string; name: string }> = [];
  const save = async (s: DemoSegment) => {
    // Written by hand, not by AI Mode: no aiPrompt.
    const segment = await service.create({ name: s.name, description: s.description, filters: s.filters });
    saved.push(segment);
    return segment;
  };
  for (const s of SPEC_PROMPT_SEGMENTS) await save(s);
  const healthcare = saved.find((s) => s.name === HEALTHCARE)!;
  await save(nestedSegment(healthcare.documentId));

  // Counted now, so the list page has a last count to show before anyone opens a segment.
  const segments = [];
  for (const s of saved) segments.push({ documentId: s.documentId, name: s.name, count: await service.count(s.documentId) });

  const list = await service.exportToList(healthcare.documentId, {
    name: DEMO_LIST,
    description: `The members of "${HEALTHCARE}" when the demo was set up; a static list does not change.`,
  });
  return { created: true, segments, list: { documentId: list.documentId, name: list.name, memberCount: list.memberCount } };
}
