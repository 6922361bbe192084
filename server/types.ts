/**
 * Public types for other plugins and host apps:
 *
 *   import type { SegmentsService } from 'strapi-plugin-segments/types';
 *   const segments = strapi.plugin('segments').service('segments') as SegmentsService;
 *
 * The routes' request and response types come from shared/contracts/ (one module per area).
 */
import type segmentsService from './services/segments';
import type listsService from './services/lists';

export type SegmentsService = ReturnType<typeof segmentsService>;
export type ListsService = ReturnType<typeof listsService>;
export type { SegmentOrFilters, ContactSummary } from './services/audience';
export type { ReadOptions, StreamOptions } from './services/segments';
export type { RefreshResult, RefreshOptions, WatchInfo } from './services/watch';
export type { Change, ChangeKind, ChangeReason, RefreshRecord } from './repositories/watch-repository';
export type { Page } from './services/paging';
export type { SegmentRecord } from './repositories/segment-repository';
export type { ListRecord } from './repositories/list-repository';
export type { FilterGroup, FilterRule, Match, MatchMode, EngagementValue } from '../shared/filter-tree';
export type { Catalog, CatalogField, CatalogOption, FieldType } from '../shared/catalog';
export type { CrmConfig, PluginConfig } from './config';
export type { SegmentsError } from './errors';
export type { Explanation, ExplainNode, ContactExplanation, ContactNode, CampaignRef } from '../shared/contracts/explain';
export type { Bounded } from './crm/bounded';

// The routes' contracts (shared/contracts/): request bodies and queries, and the answers.
export type {
  SegmentCreateBody,
  SegmentUpdateBody,
  SegmentListQuery,
  SegmentListItem,
  ExportBody,
  WatchedRecord,
  SegmentUse,
  SegmentArchiveAnswer,
  SegmentCountAnswer,
  SegmentCount,
} from '../shared/contracts/segments';
export type { ListListQuery, ListRenameBody } from '../shared/contracts/lists';
export type { MemberParams, MemberQuery, MemberSort, SortOrder, ListMember, SegmentMember } from '../shared/contracts/members';
export type { PreviewBody, PreviewResult, PreviewContact } from '../shared/contracts/preview';
export type { ExplainBody, ExplainContactBody, ExplainStatus } from '../shared/contracts/explain';
export type { LookupItem, LookupQuery } from '../shared/contracts/lookup';
export type { ContactIdentity, ContactSearchQuery } from '../shared/contracts/contacts';
export type { Paging } from '../shared/contracts/paging';
export type {
  AiGenerateBody,
  AiGenerateResult,
  AiOutcome,
  AiOutcomeBody,
  AiGenerationOutcome,
  UnresolvedName,
  NameCandidate,
} from '../shared/contracts/ai';
export type {
  ChangesPage,
  ChangesQuery,
  HistoryPoint,
  HistoryQuery,
  LastRefresh,
  RefreshStatus,
  WatchState,
  WatchBody,
  RecentCounts,
  MemberSince,
} from '../shared/contracts/watch';
export type { PanelSettings } from '../shared/settings';
