/**
 * Data access for the host's contacts: the statements the plugin writes against the contact table
 * and the link tables that point at it, apart from the audience itself (the compiled filter tree,
 * server/services/audience.ts `matching()`). Table and column names come from the CRM mapping and
 * Strapi's metadata (server/crm/metadata.ts), never from the playground's names.
 *
 * - lookup: the contact table, the columns of mapped attributes, the company relation's link;
 * - summaries: how contacts are shown in previews, member pages and the change feed;
 * - member pages: a page of an audience's or a list's members, searched and ordered;
 * - batches: what `stream()` and the CSV downloads read, by id or by key;
 * - member inserts: a list's members (Export to List), a watched segment's staging rows.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { ContactSummary } from '../../shared/contracts/contacts';
import type { MemberQuery } from '../../shared/contracts/members';
import type { ListMembersTable } from '../repositories/list-repository';
import { pluginConfig } from '../config/plugin-config';
import { identityColumns, type ContactIdentity } from './contact-columns';
import { CSV_BATCH, memberColumns, type MemberRow } from './member-pages';
import { columnOf, joinTableOf, modelMeta } from './metadata';

/** The contact table's alias in every statement here (and in the audience's). */
const ALIAS = 'c';
/** Contacts read per statement for a feed page (bound parameters stay far below every database's limit). */
export const IDENTITY_CHUNK = 5_000;
/** Members written per INSERT by Export to List: ~1-2 ms of work a chunk on SQLite at 100k contacts. */
export const EXPORT_CHUNK = 1_000;

/** The row and offset of a page. */
export interface PageWindow {
  pageSize: number;
  offset: number;
}

/** A query over the contact table aliased `c` that a condition can be added to (the audience's snapshot). */
export interface Narrowable {
  where(condition: (q: any) => void): unknown;
}

/** Ids written into SQL as literals: they come from the database as numbers, and a chunk then binds no parameters. */
const literalIds = (ids: ArrayLike<number>) => Array.from(ids, (id) => Math.trunc(id)).join(',');

export function contactRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;
  const crm = () => pluginConfig(strapi).crm;
  const meta = () => modelMeta(strapi, crm().contact);
  const identity = () => identityColumns(meta(), crm(), ALIAS);
  const members = () => memberColumns(identity(), knex());

  /**
   * Where a contact's company name is read: the relation's link table and the company's name column.
   * None when the mapping has no company, or its relation is private (the catalog leaves it out).
   */
  const companyLink = () => {
    const { contact, company } = crm();
    const relation = company && (strapi.contentTypes as Record<string, any>)[contact]?.attributes?.[company.relation];
    if (!company || !relation || relation.private) return undefined;
    const contactMeta = meta();
    const join = joinTableOf(contactMeta, company.relation);
    const target = modelMeta(strapi, contactMeta.attributes[company.relation]!.target!);
    return {
      joinTable: join.name,
      contactColumn: join.joinColumn.name,
      companyColumn: join.inverseJoinColumn.name,
      companyTable: target.tableName,
      nameColumn: columnOf(target, company.nameField),
    };
  };

  return {
    // ---- lookup ---------------------------------------------------------------------------------

    /** The contact table's name. */
    table(): string {
      return meta().tableName;
    },

    /** The column of the contact's documentId (Strapi's snake name where its metadata names none). */
    documentIdColumn(): string {
      return meta().attributes.documentId?.columnName ?? 'document_id';
    },

    // ---- summaries ------------------------------------------------------------------------------

    /** Name, email and company of the contacts `ids`, in that order (a missing one is left out); read by primary key. */
    async summaries(ids: number[]): Promise<ContactSummary[]> {
      if (ids.length === 0) return [];
      const k = knex();
      const who = identity();
      const select: Record<string, unknown> = { id: `${ALIAS}.id`, ...who.select };
      const company = companyLink();
      if (company) {
        select.company = k(`${company.joinTable} as j`)
          .join(`${company.companyTable} as t`, 't.id', `j.${company.companyColumn}`)
          .whereRaw(`?? = ??`, [`j.${company.contactColumn}`, `${ALIAS}.id`])
          .select(`t.${company.nameColumn}`)
          .limit(1);
      }
      const rows = await k({ [ALIAS]: who.table })
        .select(select as any)
        .whereIn(`${ALIAS}.id`, ids);
      const byId = new Map(rows.map((r: Record<string, any>) => [Number(r.id), r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        return r ? [{ id, ...who.read(r), company: r.company ?? null }] : [];
      });
    },

    /** documentId, name and email of the contacts `ids` that exist, IDENTITY_CHUNK a statement (the change feed). */
    async identities(ids: number[]): Promise<Map<number, ContactIdentity>> {
      const who = identity();
      const found = new Map<number, ContactIdentity>();
      for (let i = 0; i < ids.length; i += IDENTITY_CHUNK) {
        const rows = await knex()({ [ALIAS]: who.table })
          .select({ ...who.select, id: `${ALIAS}.id` })
          .whereIn(`${ALIAS}.id`, ids.slice(i, i + IDENTITY_CHUNK));
        for (const row of rows) found.set(Number(row.id), who.read(row));
      }
      return found;
    },

    /** The company name of each of these contacts (by id) that has one, through the Query Engine (member pages). */
    async companyNames(ids: number[]): Promise<Map<number, string>> {
      const { contact, company } = crm();
      if (!company || ids.length === 0) return new Map();
      const rows = (await strapi.db.query(contact as any).findMany({
        select: ['id'],
        where: { id: { $in: ids } },
        populate: { [company.relation]: { select: [company.nameField] } },
      })) as Array<Record<string, any>>;
      return new Map(
        rows
          .filter((r) => r[company.relation]?.[company.nameField])
          .map((r) => [Number(r.id), String(r[company.relation][company.nameField])]),
      );
    },

    // ---- member pages ---------------------------------------------------------------------------

    /**
     * A page of the contacts `matching()` selects (a query over `c`: an audience), narrowed to `q`,
     * newest first or by `sort`. `page` carries `id`, the member columns and `total`, the count of all
     * that match, taken before the page is cut; `count()` counts them alone (a page past the end
     * says nothing); `read` turns a row into a member. The caller runs both (under the audience's
     * time bound).
     */
    audienceMemberPage(matching: () => Knex.QueryBuilder, query: MemberQuery, { pageSize, offset }: PageWindow) {
      const columns = members();
      const k = knex();
      const searched = () => columns.search(matching(), query.q);
      const ranked = searched().select({ id: `${ALIAS}.id`, ...columns.select }, k.raw('COUNT(*) OVER () AS total'));
      const page = k.from(ranked.as('m')).select('*').limit(pageSize).offset(offset);
      columns.order(page, 'm', query, 'm.id', () =>
        page.orderBy([
          { column: 'm.createdAt', order: 'desc' },
          { column: 'm.id', order: 'desc' },
        ]),
      );
      return { page, count: (): Knex.QueryBuilder => searched().count({ n: '*' }), read: columns.row };
    },

    /** A page of a list's members in the order they were frozen, or by `sort`, narrowed to `q`; with the count of all. */
    async listMemberPage(
      list: ListMembersTable,
      listId: number,
      query: MemberQuery,
      { pageSize, offset }: PageWindow,
    ): Promise<{ rows: MemberRow[]; total: number }> {
      const columns = members();
      const k = knex();
      const base = () =>
        columns.search(
          k({ j: list.table })
            .join({ [ALIAS]: columns.table }, `${ALIAS}.id`, `j.${list.contactColumn}`)
            .where(`j.${list.listColumn}`, listId),
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
      return { rows: (await page).map(columns.row), total };
    },

    // ---- batches --------------------------------------------------------------------------------

    /**
     * `stream()`'s narrowing of its snapshot to contacts whose unsubscribed flag is not true;
     * undefined when the mapping has no unsubscribed field.
     */
    subscribedOnly(): ((members: Narrowable) => void) | undefined {
      const field = crm().unsubscribedField;
      if (!field) return undefined;
      const column = columnOf(meta(), field);
      return (snapshot) => snapshot.where((q: any) => q.whereNull(`${ALIAS}.${column}`).orWhere(`${ALIAS}.${column}`, false));
    },

    /**
     * `stream()`'s batches: the contacts among `ids` (ascending) as Query Engine entities, `batchSize`
     * ids a query, in id order. A contact deleted since is skipped; with `subscribedOnly`, one that
     * unsubscribed since is left out. An empty batch is not yielded.
     */
    async *entities(ids: Float64Array, { batchSize, subscribedOnly }: { batchSize: number; subscribedOnly: boolean }) {
      const { contact, unsubscribedField } = crm();
      const unsubscribed = subscribedOnly ? unsubscribedField : null;
      const stillSubscribed = unsubscribed ? [{ $or: [{ [unsubscribed]: { $null: true } }, { [unsubscribed]: false }] }] : [];
      for (let i = 0; i < ids.length; i += batchSize) {
        const batch = Array.from(ids.subarray(i, i + batchSize));
        const contacts = (await strapi.db.query(contact as any).findMany({
          where: { $and: [{ id: { $in: batch } }, ...stillSubscribed] },
          orderBy: { id: 'asc' },
        })) as Record<string, unknown>[];
        if (contacts.length > 0) yield contacts;
      }
    },

    /** The member rows of the contacts among `ids` (ascending), CSV_BATCH a query by id: a segment's CSV. */
    async *memberRows(ids: Float64Array): AsyncGenerator<MemberRow[]> {
      const columns = members();
      const k = knex();
      for (let i = 0; i < ids.length; i += CSV_BATCH) {
        const rows = await k({ [ALIAS]: columns.table })
          .select(columns.select)
          .whereIn(`${ALIAS}.id`, Array.from(ids.subarray(i, i + CSV_BATCH)))
          .orderBy(`${ALIAS}.id`);
        yield rows.map(columns.row);
      }
    },

    /** The member rows of a list in frozen order, CSV_BATCH a query by key (not offset): a list's CSV. */
    async *listMemberRows(list: ListMembersTable, listId: number): AsyncGenerator<MemberRow[]> {
      const columns = members();
      const k = knex();
      for (let after = 0; ; ) {
        const rows = await k({ j: list.table })
          .join({ [ALIAS]: columns.table }, `${ALIAS}.id`, `j.${list.contactColumn}`)
          .where(`j.${list.listColumn}`, listId)
          .where('j.id', '>', after)
          .select({ jid: 'j.id', ...columns.select })
          .orderBy('j.id')
          .limit(CSV_BATCH);
        if (rows.length === 0) return;
        after = Number(rows[rows.length - 1].jid);
        yield rows.map(columns.row);
      }
    },

    // ---- member inserts -------------------------------------------------------------------------

    /**
     * Export to List: links the contacts among `ids` to the list `listId` in its link table, within
     * `trx`, EXPORT_CHUNK a statement (`INSERT … SELECT` from the contacts, so that one deleted since
     * the snapshot is left out, not written as a dangling link), the event loop free between chunks.
     */
    async insertListMembers(trx: Knex.Transaction, list: ListMembersTable, listId: number, ids: Float64Array): Promise<void> {
      const k = knex();
      const columns = [list.listColumn, list.contactColumn, ...(list.orderColumn ? [list.orderColumn] : [])];
      const table = meta().tableName;
      const id = Math.trunc(listId);
      for (let i = 0; i < ids.length; i += EXPORT_CHUNK) {
        const select = k
          .from({ [ALIAS]: table })
          .select(k.raw(String(id)), `${ALIAS}.id`, ...(list.orderColumn ? [`${ALIAS}.id`] : []))
          .whereRaw(`${ALIAS}.id IN (${literalIds(ids.subarray(i, i + EXPORT_CHUNK))})`)
          .toSQL();
        await k
          .raw(`INSERT INTO ?? (${columns.map(() => '??').join(', ')}) ${select.sql}`, [list.table, ...columns, ...select.bindings])
          .transacting(trx);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },

    /**
     * A watched segment's refresh: writes `(segmentId, id)` into the staging `table` for the contacts
     * among `ids` that still exist, in one `INSERT … SELECT` within `trx` (the caller chunks).
     */
    async insertStaged(trx: Knex.Transaction, into: { table: string; segmentId: number }, ids: ArrayLike<number>): Promise<void> {
      await trx.raw(
        `INSERT INTO ?? (segment_id, contact_id) SELECT ${Math.trunc(into.segmentId)}, c.id FROM ?? c WHERE c.id IN (${literalIds(ids)})`,
        [into.table, meta().tableName],
      );
    },
  };
}

export type ContactRepository = ReturnType<typeof contactRepository>;
