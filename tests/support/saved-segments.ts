import type { Core } from '@strapi/strapi';
import fc from 'fast-check';
import type { FilterGroup } from '../../shared/filter-tree';
import { treeArbitrary, type ArbitraryContext, type TreeOptions } from './arbitraries';
import type { RefGroup } from './reference';

/**
 * Segments saved through the plugin's service for random `segment` rules to name. Each is kept with
 * its tree because the Reference evaluates a `segment` rule from the trees it is given, never from
 * the database it is checking.
 */
export function segmentSaver(strapi: Core.Strapi) {
  const trees: Record<string, RefGroup> = {};
  const documentIds: string[] = [];
  const save = async (name: string, filters: FilterGroup): Promise<string> => {
    const saved = await (strapi.plugin('segments').service('segments') as any).create({ name, filters });
    trees[saved.documentId] = filters as RefGroup;
    documentIds.push(saved.documentId);
    return saved.documentId;
  };
  /** `count` flat random trees of up to 3 rules, saved as "Random 0", "Random 1", …; the same ones for the same seed. */
  const saveRandom = async (count: number, ctx: ArbitraryContext, { seed, skip }: { seed: number; skip?: TreeOptions['skip'] }) => {
    const plain = fc.sample(treeArbitrary(ctx, { maxDepth: 1, maxRules: 3, ...(skip ? { skip } : {}) }), { seed, numRuns: count });
    for (const [i, tree] of plain.entries()) await save(`Random ${i}`, tree);
  };
  return { trees, documentIds, save, saveRandom };
}
