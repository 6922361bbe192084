// A TypeScript host's sender plugin, typed by the installed package's `strapi-plugin-segments/types`.
import type { FilterGroup, SegmentRecord, SegmentsService } from 'strapi-plugin-segments/types';

export async function audienceSize(segments: SegmentsService, tree: FilterGroup): Promise<number> {
  return segments.count(tree);
}

export const describeSegment = (segment: SegmentRecord): string => `${segment.name}: ${segment.lastCount ?? 'not counted'}`;
