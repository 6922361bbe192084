import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type { AiGenerateBody, AiGenerateResult, AiOutcome } from '../shared/contracts/ai';
import type { Catalog } from '../shared/catalog';
import type { ContactExplanation, Explanation } from '../shared/explain';
import type { FilterGroup } from '../shared/filter-tree';
import type { LookupItem, LookupQuery } from '../shared/lookup';
import type {
  ChangesPage,
  ChangesQuery,
  HistoryPoint,
  HistoryQuery,
  MemberSince,
  RecentCounts,
  RefreshResult,
  WatchState,
} from '../shared/contracts/watch';
import type { MemberQuery } from '../shared/members';
import { PLUGIN_ID } from '../shared/permissions';
import type { PanelSettings } from '../shared/settings';
import type { ContactSummary } from '../shared/contracts/contacts';
import type { ListRecord, SegmentRecord } from '../shared/contracts/records';
import type { Page } from '../shared/contracts/paging';

export interface ListMember {
  documentId: string;
  name: string;
  email: string | null;
  createdAt?: string | null;
}

/** A contact as previews and live member pages show it (member pages add createdAt). */
export type SegmentContact = Omit<ContactSummary, 'id'> & { createdAt?: string | null };

/** A member page: paging, search and order (shared/members.ts). */
export type MemberParams = { page: number; pageSize: number } & MemberQuery;

/** A segment as archiving answers it: with the segments that use it (directly or through others), for the warning. */
export type ArchivedSegment = SegmentRecord & { usedBy: Array<Pick<SegmentRecord, 'documentId' | 'name' | 'archived'>> };

export interface PreviewResult {
  count: number;
  contacts: SegmentContact[];
}

/** A saved segment as the admin routes answer it, with its watch state (docs/watching.md). */
export type WatchedRecord = SegmentRecord & WatchState;
/** A live member; `since` is when it entered a watched segment. */
export type SegmentMember = SegmentContact & MemberSince;

/** What a segment form saves; the server checks the tree and answers 400 with paths when it is wrong. */
export interface SegmentDraft {
  name: string;
  description: string | null;
  filters: FilterGroup;
  /** The AI Mode prompt the tree was generated from, kept with the segment. */
  aiPrompt?: string | null;
}

/**
 * The lookup route takes `ids` comma-separated: built here as one encoded query string, since the
 * fetch client would send arrays as `ids[0]=` and leaves values unencoded.
 */
const lookupQueryString = ({ target, q, ids, exclude, limit }: LookupQuery) => {
  const query = new URLSearchParams({ target });
  if (ids?.length) query.set('ids', ids.join(','));
  else if (q) query.set('q', q);
  if (exclude) query.set('exclude', exclude);
  if (limit != null) query.set('limit', String(limit));
  return query.toString();
};

/** The plugin's admin API, typed with the server's own records. */
export function useSegmentsApi() {
  const { get, post, put, del } = useFetchClient();
  // Stable across renders so hooks can list the API's functions as dependencies.
  return useMemo(() => {
    const base = `/${PLUGIN_ID}`;
    return {
      settings: async () => (await get<{ data: PanelSettings }>(`${base}/settings`)).data.data,
      catalog: async () => (await get<Catalog>(`${base}/catalog`)).data,
      preview: async (filters: FilterGroup, { signal, limit }: { signal?: AbortSignal; limit?: number } = {}) =>
        (await post<PreviewResult>(`${base}/preview`, { filters, limit }, { signal })).data,
      explain: async (filters: FilterGroup, { signal }: { signal?: AbortSignal } = {}) =>
        (await post<Explanation>(`${base}/explain`, { filters }, { signal })).data,
      explainContact: async (body: { filters: FilterGroup; contact: string }, { signal }: { signal?: AbortSignal } = {}) =>
        (await post<ContactExplanation>(`${base}/explain/contact`, body, { signal })).data,
      searchContacts: async (q: string, { signal }: { signal?: AbortSignal } = {}) =>
        (await get<{ data: SegmentContact[] }>(`${base}/contacts`, { params: { q, limit: 8 }, signal })).data.data,
      generate: async (body: AiGenerateBody, { signal }: { signal?: AbortSignal } = {}) =>
        (await post<AiGenerateResult>(`${base}/ai/generate`, body, { signal })).data,
      reportAiOutcome: async (generationId: string, outcome: AiOutcome) => {
        await post(`${base}/ai/generations/${encodeURIComponent(generationId)}/outcome`, { outcome });
      },
      lookup: async (query: LookupQuery) =>
        (await get<{ data: LookupItem[] }>(`${base}/lookup`, { params: lookupQueryString(query) })).data.data,

      segments: async (params: { archived?: boolean; q?: string; page: number; pageSize: number }) =>
        (await get<Page<WatchedRecord & RecentCounts>>(`${base}/segments`, { params })).data,
      segment: async (documentId: string) => (await get<{ data: WatchedRecord }>(`${base}/segments/${documentId}`)).data.data,
      createSegment: async (draft: SegmentDraft) => (await post<{ data: SegmentRecord }>(`${base}/segments`, draft)).data.data,
      updateSegment: async (documentId: string, draft: SegmentDraft) =>
        (await put<{ data: WatchedRecord }>(`${base}/segments/${documentId}`, draft)).data.data,
      setWatched: async (documentId: string, watched: boolean) =>
        (await put<{ data: WatchedRecord }>(`${base}/segments/${documentId}`, { watched })).data.data,
      refresh: async (documentId: string) => (await post<{ data: RefreshResult }>(`${base}/segments/${documentId}/refresh`)).data.data,
      changes: async (documentId: string, params: ChangesQuery = {}) =>
        (await get<ChangesPage>(`${base}/segments/${documentId}/changes`, { params })).data,
      history: async (documentId: string, params: HistoryQuery = {}) =>
        (await get<{ data: HistoryPoint[] }>(`${base}/segments/${documentId}/history`, { params })).data.data,
      /**
       * Recounts a saved segment; the answer carries the fresh lastCount, lastCountAt and lastCountMs,
       * or, when the count is over the server's budget (202), the last known ones with `pending`.
       */
      countSegment: async (documentId: string): Promise<SegmentRecord & { pending?: boolean }> => {
        const { data } = await post<{ data: SegmentRecord; pending?: boolean }>(`${base}/segments/${documentId}/count`);
        return data.pending ? { ...data.data, pending: true } : data.data;
      },
      segmentMembers: async (documentId: string, params: MemberParams) =>
        (await get<Page<SegmentMember>>(`${base}/segments/${documentId}/contacts`, { params })).data,
      duplicate: async (documentId: string) => (await post<{ data: SegmentRecord }>(`${base}/segments/${documentId}/duplicate`)).data.data,
      setArchived: async (documentId: string, archived: boolean): Promise<ArchivedSegment> => {
        const { data } = await post<{ data: SegmentRecord; meta?: { usedBy: ArchivedSegment['usedBy'] } }>(
          `${base}/segments/${documentId}/${archived ? 'archive' : 'unarchive'}`,
        );
        return { ...data.data, usedBy: data.meta?.usedBy ?? [] };
      },
      deleteSegment: async (documentId: string) => {
        await del(`${base}/segments/${documentId}`);
      },
      exportSegment: async (documentId: string, name: string) =>
        (await post<{ data: ListRecord }>(`${base}/segments/${documentId}/export`, { name })).data.data,

      lists: async (params: { q?: string; page: number; pageSize: number }) =>
        (await get<Page<ListRecord>>(`${base}/lists`, { params })).data,
      list: async (documentId: string) => (await get<{ data: ListRecord }>(`${base}/lists/${documentId}`)).data.data,
      listMembers: async (documentId: string, params: MemberParams) =>
        (await get<Page<ListMember>>(`${base}/lists/${documentId}/contacts`, { params })).data,
      renameList: async (documentId: string, name: string) =>
        (await put<{ data: ListRecord }>(`${base}/lists/${documentId}`, { name })).data.data,
      /** Every member of a segment or list as a CSV file (the server streams it). */
      membersCsv: async (kind: 'segments' | 'lists', documentId: string): Promise<Blob> =>
        (await get<Blob>(`${base}/${kind}/${documentId}/contacts.csv`, { responseType: 'blob' } as never)).data,
      deleteList: async (documentId: string) => {
        await del(`${base}/lists/${documentId}`);
      },
    };
  }, [get, post, put, del]);
}

export type SegmentsApi = ReturnType<typeof useSegmentsApi>;
