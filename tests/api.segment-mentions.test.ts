/**
 * An edit finds the segments built on it level by level, from the stored trees that mention the
 * level's documentIds (segmentRepository.mentioning): a level may hold any number of segments, so
 * the documentIds are looked for MENTION_CHUNK a statement. All at once, SQLite refused more than
 * 1,000 (an OR chain 1,000 deep) and PostgreSQL more than 65,535 (its parameters); MariaDB took the
 * 70,000 below as one statement of 3 MB.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { SEGMENT } from './support/uids';
import { MENTION_CHUNK, segmentRepository } from '../server/repositories/segment-repository';

let t: TestStrapi;

type Tree = Record<string, unknown>;
const group = (rules: unknown[]): Tree => ({ combinator: 'and', rules });
const rule = (field: string, operator: string, value: unknown) => ({ field, operator, value });

const create = async (name: string, filters: Tree): Promise<{ documentId: string }> =>
  (t.strapi.documents as any)(SEGMENT).create({ data: { name, filters, archived: false } });

beforeAll(async () => {
  t = await setupStrapi();
});

afterAll(async () => {
  await teardownStrapi();
});

it('finds the segments that mention any of 70,000 documentIds, each once, MENTION_CHUNK documentIds a statement', async () => {
  const base = await create('Base', group([rule('lifecycleStage', '=', 'lead')]));
  // Never a documentId Strapi makes (those have no '-'), so that no stored tree mentions it by chance.
  const unused = Array.from({ length: 70_000 }, (_, i) => `no-such-segment-${i}`);
  const last = 'last-of-the-level';
  await create('Uses base', group([rule('segment', 'in', [base.documentId])]));
  await create('Uses base, names the last', group([rule('segment', 'in', [base.documentId]), rule('email', 'contains', last)]));
  await create('Names the last', group([rule('email', 'contains', last)]));
  await create('Unrelated', group([rule('leadScore', '>=', 80)]));
  const documentIds = [base.documentId, ...unused, last];

  const likes: number[] = [];
  const count = (query: { sql: string }) => {
    const n = query.sql.match(/ like /gi)?.length ?? 0;
    if (n > 0) likes.push(n);
  };
  t.strapi.db.connection.on('query', count);
  let found;
  try {
    found = await segmentRepository(t.strapi).mentioning(documentIds);
  } finally {
    t.strapi.db.connection.off('query', count);
  }

  expect(found.map((s) => s.name).sort()).toEqual(['Names the last', 'Uses base', 'Uses base, names the last']);
  expect(likes).toHaveLength(Math.ceil(documentIds.length / MENTION_CHUNK));
  expect(Math.max(...likes)).toBe(MENTION_CHUNK);
});
