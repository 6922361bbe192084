import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { ListRecord } from '../../shared/contracts/records';
import { joinTableOf, modelMeta } from '../crm/metadata';

export const LIST_UID = 'plugin::segments.list';

export type { ListRecord };

const FIELDS = ['id', 'documentId', 'name', 'description', 'segmentName', 'filters', 'frozenAt', 'memberCount', 'createdAt', 'updatedAt'];
const POPULATE_QUERY = { segment: { select: ['documentId', 'name'] } };

/** A list's link table to the contacts (`members`): one row a member, in the order it was frozen (`id`). */
export interface ListMembersTable {
  table: string;
  listColumn: string;
  contactColumn: string;
  /** Strapi's order column of the relation, when it has one: written with the contact's id. */
  orderColumn: string | undefined;
}

/**
 * Data access for static lists. Members live in the list's join table, written in bulk and read
 * with their contacts by the contact repository (server/crm/contact-repository.ts).
 */
export function listRepository(strapi: Core.Strapi) {
  const documents = () => strapi.documents(LIST_UID as any);
  const query = () => strapi.db.query(LIST_UID as any);
  const members = (): ListMembersTable => {
    const joinTable = joinTableOf(modelMeta(strapi, LIST_UID), 'members');
    return {
      table: joinTable.name,
      listColumn: joinTable.joinColumn.name,
      contactColumn: joinTable.inverseJoinColumn.name,
      orderColumn: joinTable.orderColumnName,
    };
  };

  /** `memberCount` as stored is the count at freeze time; the members now are counted in the link table. */
  const withLiveCounts = async (rows: any[]): Promise<ListRecord[]> => {
    if (rows.length === 0) return [];
    const m = members();
    const counts = await strapi.db
      .connection(m.table)
      .select({ list: m.listColumn })
      .count({ n: '*' })
      .whereIn(
        m.listColumn,
        rows.map((r) => r.id),
      )
      .groupBy(m.listColumn);
    const byList = new Map(counts.map((c: any) => [Number(c.list), Number(c.n)]));
    return rows.map((r) => ({ ...r, frozenCount: r.memberCount, memberCount: byList.get(Number(r.id)) ?? 0 }));
  };

  return {
    members,

    async findPage({
      q,
      offset,
      pageSize,
    }: {
      q?: string;
      offset: number;
      pageSize: number;
    }): Promise<{ rows: ListRecord[]; total: number }> {
      const where = q ? { $or: [{ name: { $containsi: q } }, { description: { $containsi: q } }] } : {};
      const [rows, total] = await Promise.all([
        query().findMany({
          select: FIELDS,
          where,
          populate: POPULATE_QUERY,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          offset,
          limit: pageSize,
        }),
        query().count({ where }),
      ]);
      return { rows: await withLiveCounts(rows), total: Number(total) };
    },

    async findOne(documentId: string): Promise<ListRecord | null> {
      const row = await query().findOne({ select: FIELDS, where: { documentId }, populate: POPULATE_QUERY });
      return row ? (await withLiveCounts([row]))[0] : null;
    },

    /**
     * Runs inside the export's transaction: no other query here (SQLite has one connection).
     * Through the Query Engine, not the Document Service: after commit, the Document Service
     * announces a new entry with every relation loaded, and a list's members are the whole
     * audience (1.4 of the 1.5 s of an export of 92k members on SQLite). `announceCreated` sends
     * the same event without them.
     */
    async create(data: Record<string, unknown>): Promise<ListRecord> {
      const row: any = await query().create({ data: { ...data, publishedAt: new Date() }, select: FIELDS, populate: POPULATE_QUERY });
      return { ...row, frozenCount: row.memberCount };
    },

    /** The Document Service's `entry.create` event (webhooks, audit logs) for a list just read, without the members. */
    async announceCreated(list: ListRecord): Promise<void> {
      const { frozenCount: _frozenCount, ...entry } = list;
      const model = strapi.getModel(LIST_UID as any);
      await strapi.eventHub.emit('entry.create', { model: model.modelName, uid: LIST_UID, entry });
    },

    async rename(id: number, name: string): Promise<void> {
      await query().update({ where: { id }, data: { name } });
    },

    /** The members a list has now, counted in its link table (`trx`: within the export that writes them). */
    async countMembers(id: number, trx?: Knex.Transaction): Promise<number> {
      const m = members();
      const count = strapi.db.connection(m.table).where(m.listColumn, id).count({ n: '*' }).first();
      const row = await (trx ? count.transacting(trx) : count);
      return Number((row as { n: number | string }).n);
    },

    async setMemberCount(id: number, memberCount: number): Promise<void> {
      await query().update({ where: { id }, data: { memberCount } });
    },

    async delete(documentId: string): Promise<void> {
      await documents().delete({ documentId });
    },
  };
}

export type ListRepository = ReturnType<typeof listRepository>;
