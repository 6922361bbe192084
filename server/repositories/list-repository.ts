import type { Core } from '@strapi/strapi';

export const LIST_UID = 'plugin::segments.list';

export interface ListRecord {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  segmentName: string | null;
  filters: unknown;
  frozenAt: string | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  segment?: { documentId: string; name: string } | null;
}

const FIELDS = ['id', 'documentId', 'name', 'description', 'segmentName', 'filters', 'frozenAt', 'memberCount', 'createdAt', 'updatedAt'];
// The Query Engine and the Document Service spell a populated relation's columns differently.
const POPULATE_QUERY = { segment: { select: ['documentId', 'name'] } };
const POPULATE_DOCUMENT = { segment: { fields: ['documentId', 'name'] } };

/** Data access for static lists. Members live in the list's join table, written in bulk. */
export function listRepository(strapi: Core.Strapi) {
  const documents = () => strapi.documents(LIST_UID as any);
  const query = () => strapi.db.query(LIST_UID as any);
  const members = () => {
    const meta = strapi.db.metadata.get(LIST_UID as any) as any;
    const joinTable = meta.attributes.members.joinTable;
    return {
      table: joinTable.name as string,
      listColumn: joinTable.joinColumn.name as string,
      contactColumn: joinTable.inverseJoinColumn.name as string,
      orderColumn: joinTable.orderColumnName as string | undefined,
    };
  };

  return {
    members,

    async findMany({ q }: { q?: string } = {}): Promise<ListRecord[]> {
      const where = q ? { $or: [{ name: { $containsi: q } }, { description: { $containsi: q } }] } : {};
      return (await query().findMany({ select: FIELDS, where, populate: POPULATE_QUERY, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })) as ListRecord[];
    },

    async findOne(documentId: string): Promise<ListRecord | null> {
      return (await query().findOne({ select: FIELDS, where: { documentId }, populate: POPULATE_QUERY })) as ListRecord | null;
    },

    async create(data: Record<string, unknown>): Promise<ListRecord> {
      return (await documents().create({ data: data as any, fields: FIELDS as any, populate: POPULATE_DOCUMENT as any })) as unknown as ListRecord;
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
