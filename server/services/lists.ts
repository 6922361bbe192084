import type { Core } from '@strapi/strapi';
import { readCrmConfig } from '../crm/config-check';
import { notFound } from '../errors';
import { listRepository, type ListRecord } from '../repositories/list-repository';
import type { Page } from './segments';

export interface ListMember {
  documentId: string;
  name: string;
  email: string | null;
}

/** Static lists: frozen audiences exported from segments. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const lists = listRepository(strapi);

  async function load(documentId: string): Promise<ListRecord> {
    const list = await lists.findOne(documentId);
    if (!list) throw notFound(`list "${documentId}" does not exist`);
    return list;
  }

  return {
    findMany: (params: { q?: string }) => lists.findMany(params),
    load,

    async delete(documentId: string): Promise<void> {
      await load(documentId);
      await lists.delete(documentId);
    },

    /** A page of members in the order they were frozen; a million-member list pages by index. */
    async members(documentId: string, { page = 1, pageSize = 25 }: { page?: number; pageSize?: number }): Promise<Page<ListMember>> {
      const list = await load(documentId);
      const crm = readCrmConfig(strapi);
      const contactMeta = strapi.db.metadata.get(crm.contact as any) as any;
      const col = (attribute: string) => `c.${contactMeta.attributes[attribute].columnName}`;
      const m = lists.members();
      const k = strapi.db.connection;
      const base = () => k({ j: m.table }).join({ c: contactMeta.tableName }, 'c.id', `j.${m.contactColumn}`).where(`j.${m.listColumn}`, list.id);
      const totalRow = await base().count({ n: '*' }).first();
      const total = Number((totalRow as { n: number | string }).n);
      const select: Record<string, string> = { documentId: 'c.document_id', email: col(crm.emailField) };
      crm.nameFields.forEach((f, i) => (select[`name${i}`] = col(f)));
      const rows = await base().select(select).orderBy(`j.id`, 'asc').limit(pageSize).offset((page - 1) * pageSize);
      return {
        data: rows.map((r: Record<string, any>) => ({
          documentId: r.documentId,
          name: crm.nameFields.map((_, i) => r[`name${i}`]).filter((v) => v != null && v !== '').join(' '),
          email: r.email ?? null,
        })),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },
  };
};
