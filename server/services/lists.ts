import type { Core } from '@strapi/strapi';
import { contactRepository } from '../crm/contact-repository';
import { csvLines, type MemberRow } from '../crm/member-pages';
import type { MemberQuery } from '../../shared/contracts/members';
import { notFound } from '../errors';
import { listRepository, type ListRecord } from '../repositories/list-repository';
import { pageOf, pageWindow, type Page, type Paging } from './paging';

export type ListMember = MemberRow;

/** Static lists: frozen audiences exported from segments. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const lists = listRepository(strapi);
  const contacts = contactRepository(strapi);

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

    async rename(documentId: string, name: string): Promise<ListRecord> {
      const list = await load(documentId);
      await lists.rename(list.id, name);
      return load(documentId);
    },

    /**
     * A page of members in the order they were frozen, or by `sort`, narrowed to those whose name
     * or email contains `q`; a million-member list pages by index.
     */
    async members(documentId: string, query: Paging & MemberQuery): Promise<Page<MemberRow>> {
      const list = await load(documentId);
      const { rows, total } = await contacts.listMemberPage(lists.members(), list.id, query, pageWindow(query));
      return pageOf(rows, query, total);
    },

    /** Every member as CSV text, streamed in frozen order: CSV_BATCH members a query, by key (not offset). */
    async membersCsv(documentId: string): Promise<AsyncGenerator<string>> {
      const list = await load(documentId);
      return csvLines(contacts.listMemberRows(lists.members(), list.id));
    },
  };
};
