import type { Core } from '@strapi/strapi';
import { contactIdentity, type ContactIdentity } from '../crm/contact-columns';
import { notFound } from '../errors';
import { listRepository, type ListRecord } from '../repositories/list-repository';
import type { Page } from './segments';

export type ListMember = ContactIdentity;

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
      const identity = contactIdentity(strapi, 'c');
      const m = lists.members();
      const k = strapi.db.connection;
      const base = () => k({ j: m.table }).join({ c: identity.table }, 'c.id', `j.${m.contactColumn}`).where(`j.${m.listColumn}`, list.id);
      const totalRow = await base().count({ n: '*' }).first();
      const total = Number((totalRow as { n: number | string }).n);
      const rows = await base().select(identity.select).orderBy(`j.id`, 'asc').limit(pageSize).offset((page - 1) * pageSize);
      return {
        data: rows.map(identity.read),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },
  };
};
