import type { Core } from '@strapi/strapi';
import { CSV_BATCH, csvLines, memberColumns, type MemberRow } from '../crm/member-pages';
import type { MemberQuery } from '../../shared/contracts/members';
import { notFound } from '../errors';
import { listRepository, type ListRecord } from '../repositories/list-repository';
import { pageOf, pageWindow, type Page, type Paging } from './paging';

export type ListMember = MemberRow;

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
      const { pageSize, offset } = pageWindow(query);
      const list = await load(documentId);
      const columns = memberColumns(strapi);
      const m = lists.members();
      const k = strapi.db.connection;
      const base = () =>
        columns.search(
          k({ j: m.table }).join({ c: columns.table }, 'c.id', `j.${m.contactColumn}`).where(`j.${m.listColumn}`, list.id),
          query.q,
        );
      const totalRow = await base().count({ n: '*' }).first();
      const total = Number((totalRow as { n: number | string }).n);
      const page = k
        .from(
          base()
            .select({ jid: 'j.id', ...columns.select })
            .as('r'),
        )
        .select('*')
        .limit(pageSize)
        .offset(offset);
      columns.order(page, 'r', query, 'r.jid', () => page.orderBy('r.jid', 'asc'));
      return pageOf((await page).map(columns.row), query, total);
    },

    /** Every member as CSV text, streamed in frozen order: CSV_BATCH members a query, by key (not offset). */
    async membersCsv(documentId: string): Promise<AsyncGenerator<string>> {
      const list = await load(documentId);
      const columns = memberColumns(strapi);
      const m = lists.members();
      const k = strapi.db.connection;
      async function* batches() {
        for (let after = 0; ; ) {
          const rows = await k({ j: m.table })
            .join({ c: columns.table }, 'c.id', `j.${m.contactColumn}`)
            .where(`j.${m.listColumn}`, list.id)
            .where('j.id', '>', after)
            .select({ jid: 'j.id', ...columns.select })
            .orderBy('j.id')
            .limit(CSV_BATCH);
          if (rows.length === 0) return;
          after = Number(rows[rows.length - 1].jid);
          yield rows.map(columns.row);
        }
      }
      return csvLines(batches());
    },
  };
};
