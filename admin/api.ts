import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type { AiGenerateBody, AiGenerateResult, AiOutcome, AiOutcomeBody } from '../shared/contracts/ai';
import type { Catalog } from '../shared/catalog';
import type { ContactSearchQuery, ContactSummary } from '../shared/contracts/contacts';
import type { ContactExplanation, ExplainBody, ExplainContactBody, Explanation } from '../shared/contracts/explain';
import type { FilterGroup } from '../shared/filter-tree';
import type { ListListQuery, ListRenameBody } from '../shared/contracts/lists';
import type { LookupItem, LookupQuery } from '../shared/contracts/lookup';
import type { ListMember, MemberParams, SegmentMember } from '../shared/contracts/members';
import type { Page } from '../shared/contracts/paging';
import type { PreviewBody, PreviewContactsResult, PreviewCountBody, PreviewCountResult, PreviewResult } from '../shared/contracts/preview';
import type { ListRecord, SegmentRecord } from '../shared/contracts/records';
import type {
  ExportBody,
  SegmentArchiveAnswer,
  SegmentCountAnswer,
  SegmentCreateBody,
  SegmentListItem,
  SegmentListQuery,
  SegmentUpdateBody,
  WatchedRecord,
} from '../shared/contracts/segments';
import type { ChangesPage, ChangesQuery, HistoryPoint, HistoryQuery, RefreshResult, WatchBody } from '../shared/contracts/watch';
import { PLUGIN_ID } from '../shared/permissions';
import type { PanelSettings } from '../shared/settings';

/** A segment as archiving answers it: with the segments that use it (directly or through others), for the warning. */
export type ArchivedSegment = SegmentRecord & SegmentArchiveAnswer['meta'];

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
        (await post<PreviewResult>(`${base}/preview`, { filters, limit } satisfies PreviewBody, { signal })).data,
      // The two halves of a preview, asked at once: a large audience's first contacts come long before its count.
      previewContacts: async (filters: FilterGroup, { signal, limit }: { signal?: AbortSignal; limit?: number } = {}) =>
        (await post<PreviewContactsResult>(`${base}/preview/contacts`, { filters, limit } satisfies PreviewBody, { signal })).data,
      previewCount: async (filters: FilterGroup, { signal }: { signal?: AbortSignal } = {}) =>
        (await post<PreviewCountResult>(`${base}/preview/count`, { filters } satisfies PreviewCountBody, { signal })).data,
      explain: async (filters: FilterGroup, { signal }: { signal?: AbortSignal } = {}) =>
        (await post<Explanation>(`${base}/explain`, { filters } satisfies ExplainBody, { signal })).data,
      explainContact: async (body: ExplainContactBody, { signal }: { signal?: AbortSignal } = {}) =>
        (await post<ContactExplanation>(`${base}/explain/contact`, body, { signal })).data,
      searchContacts: async (q: string, { signal }: { signal?: AbortSignal } = {}) =>
        (await get<{ data: ContactSummary[] }>(`${base}/contacts`, { params: { q, limit: 8 } satisfies ContactSearchQuery, signal })).data
          .data,
      generate: async (body: AiGenerateBody, { signal }: { signal?: AbortSignal } = {}) =>
        (await post<AiGenerateResult>(`${base}/ai/generate`, body, { signal })).data,
      reportAiOutcome: async (generationId: string, outcome: AiOutcome) => {
        await post(`${base}/ai/generations/${encodeURIComponent(generationId)}/outcome`, { outcome } satisfies AiOutcomeBody);
      },
      lookup: async (query: LookupQuery) =>
        (await get<{ data: LookupItem[] }>(`${base}/lookup`, { params: lookupQueryString(query) })).data.data,

      segments: async (params: SegmentListQuery) => (await get<Page<SegmentListItem>>(`${base}/segments`, { params })).data,
      segment: async (documentId: string) => (await get<{ data: WatchedRecord }>(`${base}/segments/${documentId}`)).data.data,
      createSegment: async (draft: SegmentCreateBody) => (await post<{ data: WatchedRecord }>(`${base}/segments`, draft)).data.data,
      updateSegment: async (documentId: string, draft: SegmentUpdateBody) =>
        (await put<{ data: WatchedRecord }>(`${base}/segments/${documentId}`, draft)).data.data,
      setWatched: async (documentId: string, watched: boolean) =>
        (await put<{ data: WatchedRecord }>(`${base}/segments/${documentId}`, { watched } satisfies WatchBody)).data.data,
      refresh: async (documentId: string) => (await post<{ data: RefreshResult }>(`${base}/segments/${documentId}/refresh`)).data.data,
      changes: async (documentId: string, params: ChangesQuery = {}) =>
        (await get<ChangesPage>(`${base}/segments/${documentId}/changes`, { params })).data,
      history: async (documentId: string, params: HistoryQuery = {}) =>
        (await get<{ data: HistoryPoint[] }>(`${base}/segments/${documentId}/history`, { params })).data.data,
      /** Recounts a saved segment (SegmentCountAnswer): the fresh count, or the last known one with `pending`. */
      countSegment: async (documentId: string): Promise<WatchedRecord & { pending?: boolean }> => {
        const { data } = await post<SegmentCountAnswer>(`${base}/segments/${documentId}/count`);
        return data.pending ? { ...data.data, pending: true } : data.data;
      },
      segmentMembers: async (documentId: string, params: MemberParams) =>
        (await get<Page<SegmentMember>>(`${base}/segments/${documentId}/contacts`, { params })).data,
      duplicate: async (documentId: string) => (await post<{ data: WatchedRecord }>(`${base}/segments/${documentId}/duplicate`)).data.data,
      /** Unarchiving answers no `meta`: nothing to warn about. */
      setArchived: async (documentId: string, archived: boolean): Promise<ArchivedSegment> => {
        const { data } = await post<Partial<SegmentArchiveAnswer> & Pick<SegmentArchiveAnswer, 'data'>>(
          `${base}/segments/${documentId}/${archived ? 'archive' : 'unarchive'}`,
        );
        return { ...data.data, usedBy: data.meta?.usedBy ?? [] };
      },
      deleteSegment: async (documentId: string) => {
        await del(`${base}/segments/${documentId}`);
      },
      exportSegment: async (documentId: string, name: string) =>
        (await post<{ data: ListRecord }>(`${base}/segments/${documentId}/export`, { name } satisfies ExportBody)).data.data,

      lists: async (params: ListListQuery) => (await get<Page<ListRecord>>(`${base}/lists`, { params })).data,
      list: async (documentId: string) => (await get<{ data: ListRecord }>(`${base}/lists/${documentId}`)).data.data,
      listMembers: async (documentId: string, params: MemberParams) =>
        (await get<Page<ListMember>>(`${base}/lists/${documentId}/contacts`, { params })).data,
      renameList: async (documentId: string, name: string) =>
        (await put<{ data: ListRecord }>(`${base}/lists/${documentId}`, { name } satisfies ListRenameBody)).data.data,
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
