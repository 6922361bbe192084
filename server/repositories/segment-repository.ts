import type { Core } from '@strapi/strapi';
import { SEGMENT_UID } from '../../shared/contracts/lookup';
import type { SegmentRecord } from '../../shared/contracts/records';
import { columnOf, modelMeta } from '../crm/metadata';

export { SEGMENT_UID };

export type { SegmentRecord };

export type SegmentInput = Partial<Pick<SegmentRecord, 'name' | 'description' | 'filters' | 'aiPrompt' | 'archived' | 'watched'>>;

const FIELDS = [
  'id',
  'documentId',
  'name',
  'description',
  'filters',
  'aiPrompt',
  'archived',
  'lastCount',
  'lastCountAt',
  'lastCountMs',
  'lastCountError',
  'watched',
  'createdAt',
  'updatedAt',
];

export interface SegmentFilter {
  archived?: boolean;
  q?: string;
}

const ORDER = [{ updatedAt: 'desc' }, { id: 'desc' }];

/**
 * documentIds looked for per statement by `mentioning` (one `LIKE` each, OR-ed): SQLite nests an OR
 * chain one level a term and refuses one past 1,000 levels ("Expression tree is too large"), and
 * PostgreSQL takes at most 65,535 parameters a statement.
 */
export const MENTION_CHUNK = 200;
/** Segments read per statement by their ids. */
const READ_CHUNK = 1_000;

const whereOf = ({ archived, q }: SegmentFilter) => {
  const where: Record<string, unknown>[] = [];
  if (archived !== undefined) where.push({ archived });
  if (q) where.push({ $or: [{ name: { $containsi: q } }, { description: { $containsi: q } }] });
  return { $and: where };
};

/** Data access for saved segments. */
export function segmentRepository(strapi: Core.Strapi) {
  const documents = () => strapi.documents(SEGMENT_UID as any);
  const query = () => strapi.db.query(SEGMENT_UID as any);
  const meta = () => modelMeta(strapi, SEGMENT_UID);
  const column = (attribute: string): string => columnOf(meta(), attribute);
  // A plain UPDATE, so that updatedAt keeps meaning "last edited by someone".
  const setCount = async (where: (q: any) => any, { count, at, ms }: { count: number | null; at: Date | null; ms: number | null }) => {
    await where(strapi.db.connection(meta().tableName)).update({
      [column('lastCount')]: count,
      [column('lastCountAt')]: at,
      [column('lastCountMs')]: ms,
      [column('lastCountError')]: null,
    });
  };

  return {
    async findMany(filter: SegmentFilter = {}): Promise<SegmentRecord[]> {
      return (await query().findMany({ select: FIELDS, where: whereOf(filter), orderBy: ORDER })) as SegmentRecord[];
    },

    async findPage(filter: SegmentFilter & { offset: number; pageSize: number }): Promise<{ rows: SegmentRecord[]; total: number }> {
      const where = whereOf(filter);
      const [rows, total] = await Promise.all([
        query().findMany({ select: FIELDS, where, orderBy: ORDER, offset: filter.offset, limit: filter.pageSize }),
        query().count({ where }),
      ]);
      return { rows: rows as SegmentRecord[], total: Number(total) };
    },

    /**
     * The segments whose stored tree mentions one of `documentIds` anywhere in its text: the
     * candidates for "uses it", found by the database so that an edit does not read every segment
     * (a caller checks the reference in the parsed tree). documentIds hold no LIKE wildcards.
     * MENTION_CHUNK documentIds a statement, however many a level of dependents has.
     */
    async mentioning(documentIds: string[]): Promise<SegmentRecord[]> {
      const client = strapi.db.dialect.client as string;
      const text = client === 'postgres' ? 'CAST(?? AS TEXT)' : client === 'sqlite' ? '??' : 'CAST(?? AS CHAR)';
      const found = new Set<number>();
      for (let i = 0; i < documentIds.length; i += MENTION_CHUNK) {
        const rows = (await strapi.db
          .connection(meta().tableName)
          .select('id')
          .where((q) => {
            for (const id of documentIds.slice(i, i + MENTION_CHUNK)) q.orWhereRaw(`${text} LIKE ?`, [column('filters'), `%${id}%`]);
          })) as Array<{ id: number | string }>;
        for (const row of rows) found.add(Number(row.id));
      }
      const ids = [...found];
      const segments: SegmentRecord[] = [];
      for (let i = 0; i < ids.length; i += READ_CHUNK) {
        segments.push(
          ...((await query().findMany({ select: FIELDS, where: { id: { $in: ids.slice(i, i + READ_CHUNK) } } })) as SegmentRecord[]),
        );
      }
      return segments;
    },

    /**
     * The segments `documentIds` name and, level by level, every segment those name in turn
     * (`referencesOf`), by documentId: what validating or compiling a tree needs, read without
     * reading every saved segment (each request of a fuzz that saved 3,333 segments read them all).
     */
    async reachable(documentIds: string[], referencesOf: (segment: SegmentRecord) => string[]): Promise<Map<string, SegmentRecord>> {
      const found = new Map<string, SegmentRecord>();
      const asked = new Set<string>();
      let level = [...new Set(documentIds)];
      while (level.length > 0) {
        level.forEach((id) => asked.add(id));
        const rows: SegmentRecord[] = [];
        for (let i = 0; i < level.length; i += READ_CHUNK) {
          const where = { documentId: { $in: level.slice(i, i + READ_CHUNK) } };
          rows.push(...((await query().findMany({ select: FIELDS, where })) as SegmentRecord[]));
        }
        rows.forEach((row) => found.set(row.documentId, row));
        level = [...new Set(rows.flatMap(referencesOf))].filter((id) => !asked.has(id));
      }
      return found;
    },

    /** Every segment's name and tree, for reference checks and live membership. */
    async all(): Promise<SegmentRecord[]> {
      return (await query().findMany({ select: FIELDS })) as SegmentRecord[];
    },

    async findOne(documentId: string): Promise<SegmentRecord | null> {
      return (await query().findOne({ select: FIELDS, where: { documentId } })) as SegmentRecord | null;
    },

    async create(data: SegmentInput): Promise<SegmentRecord> {
      return (await documents().create({ data: data as any, fields: FIELDS as any })) as unknown as SegmentRecord;
    },

    async update(documentId: string, data: SegmentInput): Promise<SegmentRecord> {
      return (await documents().update({ documentId, data: data as any, fields: FIELDS as any })) as unknown as SegmentRecord;
    },

    async recordCount(id: number, count: number, ms: number): Promise<void> {
      await setCount((q) => q.where({ id }), { count, at: new Date(), ms: Math.round(ms) });
    },

    /** Keeps the last count (what is known) and says why the newest one failed. */
    async recordError(id: number, message: string): Promise<void> {
      await strapi.db
        .connection(meta().tableName)
        .where({ id })
        .update({ [column('lastCountError')]: message.slice(0, 2_000) });
    },

    /** Forgets the last count of these segments (their trees, or trees they use, changed). */
    async clearCounts(documentIds: string[]): Promise<void> {
      if (documentIds.length === 0) return;
      await setCount((q) => q.whereIn(column('documentId'), documentIds), { count: null, at: null, ms: null });
    },

    async delete(documentId: string): Promise<void> {
      await documents().delete({ documentId });
    },
  };
}

export type SegmentRepository = ReturnType<typeof segmentRepository>;
