import type { Core } from '@strapi/strapi';
import { contactIdentity, type ContactIdentity } from '../crm/contact-columns';
import { notFound } from '../errors';
import { listRepository, type ListRecord } from '../repositories/list-repository';
import { pageOf, pageWindow, type Page, type Paging } from './paging';

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
    /** One page of the lists matching `q`, newest first. */
    async findPage(params: { q?: string } & Paging): Promise<Page<ListRecord>> {
      const { rows, total } = await lists.findPage({ ...params, ...pageWindow(params) });
      return pageOf(rows, params, total);
    },
    load,

    async delete(documentId: string): Promise<void> {
      await load(documentId);
      await lists.delete(documentId);
    },

    /** A page of members in the order they were frozen; a million-member list pages by index. */
    async members(documentId: string, paging: Paging): Promise<Page<ListMember>> {
      const { pageSize, offset } = pageWindow(paging);
      const list = await load(documentId);
      const identity = contactIdentity(strapi, 'c');
      const m = lists.members();
      const k = strapi.db.connection;
      const base = () => k({ j: m.table }).join({ c: identity.table }, 'c.id', `j.${m.contactColumn}`).where(`j.${m.listColumn}`, list.id);
      const totalRow = await base().count({ n: '*' }).first();
      const total = Number((totalRow as { n: number | string }).n);
      const rows = await base().select(identity.select).orderBy(`j.id`, 'asc').limit(pageSize).offset(offset);
      return pageOf(rows.map(identity.read), paging, total);
    },
  };
};
