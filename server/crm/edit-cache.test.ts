import { treeKey, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { conjuncts } from '../engine/conjuncts';
import { EditCache, TOO_BROAD, type EditCacheLimits } from './edit-cache';

const rule = (field: string, operator: string, value?: unknown): FilterRule => ({ field, operator, value });
const and = (...rules: FilterRule[]): FilterGroup => ({ combinator: 'and', rules });
const germany = rule('company.country', '=', 'Germany');
const score = (n: number) => rule('leadScore', '>=', n);

function cacheWith(limits: Partial<EditCacheLimits> = {}) {
  let now = 1_000_000;
  const cache = new EditCache(
    () => ({ ttlMs: 60_000, movedBackoffMs: 10_000, maxIds: 3, maxChars: 1_000, ...limits }),
    () => now,
  );
  return { cache, tick: (ms: number) => (now += ms) };
}
const look = (tree: FilterGroup) => ({ key: treeKey(tree), parts: conjuncts(tree) });
const rest = (ids: number[], snapshot = '10:10:') => ({
  ids: `{${ids.join(',')}}`,
  size: ids.length,
  snapshot,
  now: new Date(0),
  narrow: true,
});

describe('EditCache', () => {
  it('finds the changed conjunct of a tree previewed after one that shares its rest, within the time kept', () => {
    const { cache, tick } = cacheWith();
    const before = look(and(germany, score(40)));
    const after = look(and(germany, score(41)));
    expect(cache.edited(after.key, after.parts)).toBeUndefined();
    cache.saw(before.key, before.parts);
    expect(cache.edited(before.key, before.parts)).toBeUndefined(); // the same tree again is no edit
    expect(cache.edited(after.key, after.parts)?.node).toEqual(score(41));
    tick(60_001);
    expect(cache.edited(after.key, after.parts)).toBeUndefined();
  });

  it('finds a rule added to a tree previewed before: its rest is that tree', () => {
    const { cache } = cacheWith();
    const before = look(and(germany, score(40)));
    const added = look(and(germany, score(40), rule('source', '=', 'referral')));
    cache.saw(before.key, before.parts);
    expect(cache.edited(added.key, added.parts)?.node).toEqual(rule('source', '=', 'referral'));
  });

  it('keeps a rest read once for every preview asking at the same time, and gives the smallest kept one', async () => {
    const { cache } = cacheWith();
    const tree = look(and(germany, score(40)));
    let reads = 0;
    const reader = (ids: number[]) => async () => {
      reads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return rest(ids);
    };
    const [one, two] = await Promise.all([
      cache.read(tree.parts[0].restKey, reader([1, 2, 3])),
      cache.read(tree.parts[0].restKey, reader([1, 2, 3])),
    ]);
    expect(reads).toBe(1);
    expect(one).toBe(two);
    await cache.read(tree.parts[1].restKey, reader([7]));
    expect(cache.keptFor(tree.parts)).toEqual({ part: tree.parts[1], rest: expect.objectContaining({ ids: '{7}', size: 1 }) });
  });

  it('remembers a rest over maxIds as too broad and keeps nothing of it', async () => {
    const { cache } = cacheWith();
    const tree = look(and(germany, score(40)));
    expect(await cache.read(tree.parts[0].restKey, async () => rest([1, 2, 3, 4]))).toBe(TOO_BROAD);
    expect(cache.skipped(tree.parts[0].restKey)).toBe(true);
    expect(cache.keptFor(tree.parts)).toBeUndefined();
  });

  it('forgets a rest whose snapshot moved on (only the one kept), and reads it again only after movedBackoffMs', async () => {
    const { cache, tick } = cacheWith();
    const key = look(and(germany, score(40))).parts[1].restKey;
    const kept = await cache.read(key, async () => rest([5]));
    if (!kept || kept === TOO_BROAD) throw new Error('not kept');
    cache.moved(key, { ...kept });
    expect(cache.skipped(key)).toBe(false);
    cache.moved(key, kept);
    expect(cache.skipped(key)).toBe(true);
    tick(10_001);
    expect(cache.skipped(key)).toBe(false);
  });

  it('forgets the oldest rests past maxChars, and every rest past the time kept', async () => {
    const { cache, tick } = cacheWith({ maxChars: 12, maxIds: 100 });
    const keys = ['a', 'b', 'c'];
    for (const key of keys) {
      await cache.read(key, async () => rest([100, 200])); // "{100,200}": 9 characters
      tick(1);
    }
    expect(cache.size()).toEqual({ rests: 1, chars: 9 });
    tick(60_000);
    expect(cache.keptFor([{ restKey: 'c' } as never])).toBeUndefined();
    expect(cache.size()).toEqual({ rests: 0, chars: 0 });
  });
});
