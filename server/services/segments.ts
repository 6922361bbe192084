/**
 * The segments service: the public API other plugins call (`count`, `preview`, `stream`,
 * `exportToList`, `toWhere`) and the segment operations behind the admin routes.
 *
 *   const segments = strapi.plugin('segments').service('segments');
 *   for await (const batch of segments.stream(segmentDocumentId, { batchSize: 500 })) send(batch);
 */
import type { Core } from '@strapi/strapi';
import { treeKey, type FilterGroup } from '../../shared/filter-tree';
import { segmentReferences } from '../engine/validate';
import { badRequest, conflict, notFound, SegmentsError, unavailable } from '../errors';
import { pluginConfig } from '../config/plugin-config';
import { listRepository, type ListRecord } from '../repositories/list-repository';
import { segmentRepository, type SegmentInput, type SegmentRecord } from '../repositories/segment-repository';
import { contactRepository, EXPORT_CHUNK } from '../crm/contact-repository';
import { getService } from '../utils/get-service';
import type { ContactSummary, SegmentOrFilters } from './audience';
import type { PreviewContact } from '../../shared/contracts/preview';
import type { RefreshOptions } from './watch';
import { pageOf, pageWindow, type Page, type Paging } from './paging';
import { csvLines, type MemberRow } from '../crm/member-pages';
import type { MemberQuery } from '../../shared/contracts/members';
import { MAX_PAGE_SIZE } from '../../shared/contracts/paging';

export const DEFAULT_PREVIEW_LIMIT = 10;
export { MAX_PAGE_SIZE };
export const DEFAULT_BATCH_SIZE = 500;
export const MAX_BATCH_SIZE = 10_000;
export { EXPORT_CHUNK };

export type { Page };

/** For reads a caller may give up: when `signal` aborts, the database statement is stopped and the call rejects (status 499). */
export interface ReadOptions {
  signal?: AbortSignal;
}

export interface StreamOptions {
  batchSize?: number;
  /** Leave out contacts whose unsubscribed flag (plugin config `crm.unsubscribedField`) is true. */
  excludeUnsubscribed?: boolean;
}

/** Contacts as a preview shows them: without the database id. */
const shown = (contacts: ContactSummary[]): PreviewContact[] => contacts.map(({ id: _id, ...contact }) => contact);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const audience = () => getService(strapi, 'audience');
  const segments = segmentRepository(strapi);
  const lists = listRepository(strapi);
  const contacts = contactRepository(strapi);
  const watch = () => getService(strapi, 'watch');

  async function load(documentId: string): Promise<SegmentRecord> {
    const segment = await segments.findOne(documentId);
    if (!segment) throw notFound(`segment "${documentId}" does not exist`);
    return segment;
  }

  /**
   * The segments that use this one, directly or through others: level by level, from the segments
   * whose stored tree mentions the last level (an edit must not read every segment: with thousands
   * saved, that cost more than the edit), each checked in its parsed tree.
   */
  async function dependents(documentId: string): Promise<SegmentRecord[]> {
    const field = audience().segmentField();
    const found = new Map<string, SegmentRecord>();
    const reached = new Set<string>([documentId]);
    for (let level = [documentId]; level.length > 0; ) {
      const next: string[] = [];
      for (const s of await segments.mentioning(level)) {
        if (reached.has(s.documentId) || !segmentReferences(s.filters, field).some((id) => reached.has(id))) continue;
        reached.add(s.documentId);
        found.set(s.documentId, s);
        next.push(s.documentId);
      }
      level = next;
    }
    return [...found.values()].sort((a, b) => a.id - b.id);
  }

  const service = {
    // ---- public API for other plugins -----------------------------------------------------------

    /** The number of contacts in a segment (or matching a tree), right now. */
    async count(input: SegmentOrFilters, { signal }: ReadOptions = {}): Promise<number> {
      const started = performance.now();
      const { tree, segment } = await audience().resolve(input);
      try {
        const count = await audience().count(await audience().compile(tree), { signal });
        if (segment) await segments.recordCount(segment.id, count, performance.now() - started);
        return count;
      } catch (error) {
        // The panel shows why a saved segment has no fresh count; the caller still gets the error.
        if (segment) await segments.recordError(segment.id, (error as Error).message).catch(() => undefined);
        throw error;
      }
    },

    /** The count and the first `limit` matching contacts, newest first. */
    async preview(filters: SegmentOrFilters, { limit = DEFAULT_PREVIEW_LIMIT, signal }: { limit?: number } & ReadOptions = {}) {
      const { tree } = await audience().resolve(filters);
      const compiled = await audience().compile(tree);
      const { count, contacts } = await audience().countAndPage(compiled, { limit: Math.min(limit, MAX_PAGE_SIZE), signal });
      return { count, contacts: shown(contacts) };
    },

    /** The first `limit` matching contacts, newest first, without counting them (a large audience's come long before its count). */
    async firstContacts(filters: SegmentOrFilters, { limit = DEFAULT_PREVIEW_LIMIT, signal }: { limit?: number } & ReadOptions = {}) {
      const { tree } = await audience().resolve(filters);
      const compiled = await audience().compile(tree);
      const contacts = await audience().firstContacts(compiled, { limit: Math.min(limit, MAX_PAGE_SIZE), signal });
      return shown(contacts);
    },

    /**
     * The editor's preview (POST /segments/preview, /preview/contacts, /preview/count): `preview`'s
     * count and first contacts, or either alone, of a tree being edited. An edit's unchanged part may
     * come from the editor's cache (audience.ts, `editorRead`): the answer then says `asOf`, the
     * moment it is exact for. The service API's count, preview and firstContacts never use the cache.
     */
    async editorPreview(
      tree: FilterGroup,
      part: 'both' | 'contacts' | 'count',
      { limit = DEFAULT_PREVIEW_LIMIT, signal }: { limit?: number } & ReadOptions = {},
    ): Promise<{ count?: number; contacts?: PreviewContact[]; asOf?: string }> {
      const validated = await audience().validate(tree);
      const pageSize = Math.min(limit, MAX_PAGE_SIZE);
      const { value, asOf } = await audience().editorRead(validated, async (compiled) => {
        if (part === 'count') return { count: await audience().count(compiled, { signal }) };
        if (part === 'contacts') return { contacts: shown(await audience().firstContacts(compiled, { limit: pageSize, signal })) };
        const both = await audience().countAndPage(compiled, { limit: pageSize, signal });
        return { count: both.count, contacts: shown(both.contacts) };
      });
      return asOf ? { ...value, asOf: asOf.toISOString() } : value;
    },

    /**
     * The matching contacts (Query Engine entities) in batches of at most `batchSize`, in id order.
     * The tree is evaluated once, when the iteration starts ("recalculated at send time"): a
     * snapshot of the member ids, from which each batch loads its contacts. A member deleted since
     * is skipped, one that unsubscribed since is left out (with `excludeUnsubscribed`), and one that
     * joined since waits for the next send. Memory: 8 bytes a member plus one batch.
     */
    async *stream(input: SegmentOrFilters, { batchSize = DEFAULT_BATCH_SIZE, excludeUnsubscribed = false }: StreamOptions = {}) {
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
        throw badRequest(`batchSize must be a whole number from 1 to ${MAX_BATCH_SIZE}`);
      }
      const { tree } = await audience().resolve(input);
      const compiled = await audience().compile(tree);
      const ids = await audience().memberIds(compiled, excludeUnsubscribed ? contacts.subscribedOnly() : undefined);
      yield* contacts.entities(ids, { batchSize, subscribedOnly: excludeUnsubscribed });
    },

    /**
     * A Query Engine `where` selecting the audience's contacts, to combine with a caller's own
     * conditions: `strapi.db.query(contactUid).findMany({ where: { $and: [await toWhere(x), mine] } })`.
     * Date math is evaluated now. The segments it uses travel in the sub-query's WITH clause: on
     * SQLite and MariaDB, which plan every reference to one apart, a deep lattice of segments is
     * refused (400) here, though count and stream answer it.
     */
    async toWhere(input: SegmentOrFilters): Promise<{ id: { $in: unknown } }> {
      const { tree } = await audience().resolve(input);
      const compiled = await audience().compile(tree, new Date(), { oneStatement: true });
      return { id: { $in: audience().matching(compiled).select('c.id') } };
    },

    /**
     * Freezes a segment's current members into a new static list, atomically (all members or
     * nothing), and records the frozen count. The tree is evaluated once, for a snapshot of the
     * member ids (a bounded read: on SQLite it runs off the main thread); the list and its link
     * rows are then written in one transaction, EXPORT_CHUNK members per INSERT ... SELECT, with
     * the event loop free between chunks (on SQLite one statement of a million rows held it for
     * seconds). A contact deleted since the snapshot is left out, not written as a dangling link.
     */
    async exportToList(documentId: string, { name, description }: { name?: string; description?: string } = {}): Promise<ListRecord> {
      const segment = await load(documentId);
      const compiled = await audience().compile(segment.filters);
      const frozenAt = new Date();
      const ids = await audience().memberIds(compiled);
      const listName = name?.trim() || `${segment.name} (${frozenAt.toISOString().slice(0, 10)})`;
      const list = await strapi.db.transaction(async ({ trx }) => {
        const created = await lists.create({
          name: listName,
          description: description ?? segment.description ?? null,
          segment: segment.id,
          segmentName: segment.name,
          filters: segment.filters,
          frozenAt,
        });
        const listId = Math.trunc(Number(created.id));
        await contacts.insertListMembers(trx, lists.members(), listId, ids);
        await lists.setMemberCount(listId, await lists.countMembers(listId, trx));
        return created;
      });
      const frozen = (await lists.findOne(list.documentId))!;
      await lists.announceCreated(frozen);
      return frozen;
    },

    /**
     * Watched segments (docs/watching.md): refreshes one now, `{ count, entered, left, at }`
     * (409 when it is not watched, 503 when it took too long: then nothing changed).
     */
    refresh(segment: string | { documentId: string }, options?: RefreshOptions) {
      return watch().refresh(segment, options);
    },

    /** A page of the feed after the cursor `after`: `{ data: [{ cursor, kind, reason, at, contact }], meta: { next } }`. */
    changes(segment: string | { documentId: string }, options?: { after?: string | null; limit?: number; newest?: boolean }) {
      return watch().changes(segment, options);
    },

    /** The refreshes between `from` and `to` (default the last 30 days): `[{ at, status, count, entered, left }]`. */
    history(segment: string | { documentId: string }, range?: { from?: Date; to?: Date }) {
      return watch().history(segment, range);
    },

    // ---- segment operations ---------------------------------------------------------------------

    /** Every segment (active or archived, matching `q`), newest edit first. */
    findMany(params: { archived?: boolean; q?: string }) {
      return segments.findMany(params);
    },

    /** One page of `findMany`, for the admin list. */
    async findPage(params: { archived?: boolean; q?: string } & Paging): Promise<Page<SegmentRecord>> {
      const { rows, total } = await segments.findPage({ ...params, ...pageWindow(params) });
      return pageOf(rows, params, total);
    },

    load,

    async create(input: SegmentInput): Promise<SegmentRecord> {
      const name = requireName(input.name);
      const filters = await audience().validate(input.filters, { name });
      return segments.create({ ...pick(input), name, filters, archived: input.archived ?? false });
    },

    async update(documentId: string, input: SegmentInput): Promise<SegmentRecord> {
      const current = await load(documentId);
      const name = input.name === undefined ? current.name : requireName(input.name);
      const filters = input.filters === undefined ? current.filters : await audience().validate(input.filters, { documentId, name });
      const updated = await segments.update(documentId, { ...pick(input), name, filters });
      if (input.watched !== undefined && Boolean(input.watched) !== Boolean(current.watched))
        await watch().watchedChanged(updated, Boolean(input.watched));
      if (!sameTree(current.filters, filters)) {
        // The last count described the old tree, and so did those of the segments built on it.
        await segments.clearCounts([documentId, ...(await dependents(documentId)).map((s) => s.documentId)]);
        return load(documentId);
      }
      return updated;
    },

    async duplicate(documentId: string): Promise<SegmentRecord> {
      const source = await load(documentId);
      return segments.create({
        name: `Copy of ${source.name}`,
        description: source.description,
        filters: source.filters,
        aiPrompt: source.aiPrompt,
        archived: false,
      });
    },

    async setArchived(documentId: string, archived: boolean): Promise<SegmentRecord> {
      await load(documentId);
      return segments.update(documentId, { archived });
    },

    /** The segments that use this one, directly or through others: archiving it does not change what they mean. */
    async usedBy(documentId: string): Promise<Array<Pick<SegmentRecord, 'documentId' | 'name' | 'archived'>>> {
      return (await dependents(documentId)).map(({ documentId: id, name, archived }) => ({ documentId: id, name, archived }));
    },

    /**
     * A segment just saved from the editor, counted now if its count was forgotten (new, or its
     * tree changed): the count the editor shows after Save is then the server's own, for the saved
     * tree. Bounded like `recount`: past `countBudgetMs` the save answers uncounted and the count
     * lands later; a count that fails is recorded (lastCountError), and the save still stands.
     */
    async countSaved(segment: SegmentRecord): Promise<SegmentRecord> {
      if (segment.lastCount !== null) return segment;
      try {
        return (await service.recount(segment.documentId)).segment;
      } catch {
        return load(segment.documentId);
      }
    },

    /** Refused (409) while another segment uses it; lists exported from it are kept. */
    async delete(documentId: string): Promise<void> {
      const segment = await load(documentId);
      const field = audience().segmentField();
      const users = (await segments.all()).filter(
        (s) => s.documentId !== documentId && segmentReferences(s.filters, field).includes(documentId),
      );
      if (users.length > 0) {
        throw conflict(`"${segment.name}" is used by ${users.map((u) => `"${u.name}"`).join(', ')}; remove it from them first`, {
          usedBy: users.map((u) => ({ documentId: u.documentId, name: u.name })),
        });
      }
      await watch().forget(segment);
      await segments.delete(documentId);
    },

    /**
     * Counts a saved segment now (recording lastCount*, or lastCountError) and answers it as stored
     * afterwards. A count slower than the plugin's `countBudgetMs` is not waited for: the answer is
     * the segment as last counted with `pending: true`, and the count finishes in the background.
     */
    async recount(documentId: string): Promise<{ segment: SegmentRecord; pending: boolean }> {
      await load(documentId);
      const counting = service.count(documentId);
      const budget = pluginConfig(strapi).countBudgetMs;
      let timer: NodeJS.Timeout | undefined;
      const pending =
        budget <= 0 ? Promise.resolve(true) : new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), budget)));
      try {
        if (await Promise.race([counting.then(() => false), pending])) {
          counting.catch(() => undefined); // recorded as lastCountError by count()
          return { segment: await load(documentId), pending: true };
        }
      } catch (error) {
        if (error instanceof SegmentsError) throw error;
        throw unavailable(`counting "${documentId}" failed: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
      return { segment: await load(documentId), pending: false };
    },

    /**
     * The live members of a saved segment, a page at a time: newest first, or by `sort`, narrowed
     * to those whose name or email contains `q`. Without `q` the total is the segment's count, and
     * is recorded as such.
     */
    async members(
      documentId: string,
      query: Paging & MemberQuery,
    ): Promise<Page<Omit<ContactSummary, 'id'> & Pick<MemberRow, 'createdAt'> & { since: string | null }>> {
      const { pageSize, offset } = pageWindow(query);
      const segment = await load(documentId);
      const started = performance.now();
      const compiled = await audience().compile(segment.filters);
      const { page, count, read } = contacts.audienceMemberPage(() => audience().matching(compiled), query, { pageSize, offset });
      const rows = await audience().read<Record<string, any>>(page, 'list its members', compiled);
      // An empty page past the end does not say how many match.
      const total =
        rows.length > 0
          ? Number(rows[0].total)
          : offset === 0
            ? 0
            : Number((await audience().read<{ n: number }>(count(), 'count', compiled))[0].n);
      if (!query.q?.trim()) await segments.recordCount(segment.id, total, performance.now() - started);
      const ids = rows.map((r) => Number(r.id));
      const companies = await contacts.companyNames(ids);
      const since = await watch().since(segment, ids);
      return pageOf(
        rows.map((r) => ({ ...read(r), company: companies.get(Number(r.id)) ?? null, since: since.get(Number(r.id)) ?? null })),
        query,
        total,
      );
    },

    /**
     * Every live member as CSV text, streamed: the tree is evaluated once for a snapshot of the
     * member ids (8 bytes a member), then CSV_BATCH contacts are read by id at a time.
     */
    async membersCsv(documentId: string): Promise<AsyncGenerator<string>> {
      const segment = await load(documentId);
      const ids = await audience().memberIds(await audience().compile(segment.filters));
      return csvLines(contacts.memberRows(ids));
    },
  };
  return service;
};

function requireName(name: unknown): string {
  if (typeof name !== 'string' || !name.trim()) throw badRequest('name is required', { path: 'name' });
  if (name.length > 255) throw badRequest('name must be at most 255 characters', { path: 'name' });
  return name.trim();
}

/** Whether two trees mean the same, ignoring the builder's `id` bookkeeping. */
const sameTree = (a: unknown, b: unknown): boolean => treeKey(a) === treeKey(b);

function pick(input: SegmentInput): SegmentInput {
  const out: SegmentInput = {};
  if (input.description !== undefined) out.description = input.description;
  if (input.aiPrompt !== undefined) out.aiPrompt = input.aiPrompt;
  if (input.archived !== undefined) out.archived = input.archived;
  if (input.watched !== undefined) out.watched = input.watched;
  return out;
}

export type { FilterGroup };
