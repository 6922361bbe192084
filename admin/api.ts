import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../shared/permissions';
import type { ListRecord, Page, SegmentRecord } from '../server/types';

export interface ListMember {
  documentId: string;
  name: string;
  email: string | null;
}

/** The plugin's admin API, typed with the server's own records. */
export function useSegmentsApi() {
  const { get, post, del } = useFetchClient();
  const base = `/${PLUGIN_ID}`;
  return {
    segments: async (params: { archived: boolean; q?: string }) =>
      (await get<{ data: SegmentRecord[] }>(`${base}/segments`, { params })).data.data,
    duplicate: async (documentId: string) => (await post<{ data: SegmentRecord }>(`${base}/segments/${documentId}/duplicate`)).data.data,
    setArchived: async (documentId: string, archived: boolean) =>
      (await post<{ data: SegmentRecord }>(`${base}/segments/${documentId}/${archived ? 'archive' : 'unarchive'}`)).data.data,
    deleteSegment: async (documentId: string) => {
      await del(`${base}/segments/${documentId}`);
    },
    lists: async (params: { q?: string }) => (await get<{ data: ListRecord[] }>(`${base}/lists`, { params })).data.data,
    list: async (documentId: string) => (await get<{ data: ListRecord }>(`${base}/lists/${documentId}`)).data.data,
    listMembers: async (documentId: string, params: { page: number; pageSize: number }) =>
      (await get<Page<ListMember>>(`${base}/lists/${documentId}/contacts`, { params })).data,
    deleteList: async (documentId: string) => {
      await del(`${base}/lists/${documentId}`);
    },
  };
}
