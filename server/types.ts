/**
 * Public types for other plugins and host apps:
 *
 *   import type { SegmentsService } from 'strapi-plugin-segments/types';
 *   const segments = strapi.plugin('segments').service('segments') as SegmentsService;
 */
import type segmentsService from './services/segments';
import type listsService from './services/lists';

export type SegmentsService = ReturnType<typeof segmentsService>;
export type ListsService = ReturnType<typeof listsService>;
export type { SegmentOrFilters, ContactSummary } from './services/audience';
export type { StreamOptions } from './services/segments';
export type { RefreshResult, RefreshOptions, WatchInfo } from './services/watch';
export type { Change, ChangeKind, ChangeReason, RefreshRecord } from './repositories/watch-repository';
export type { Page } from './services/paging';
export type { SegmentRecord } from './repositories/segment-repository';
export type { ListRecord } from './repositories/list-repository';
export type { FilterGroup, FilterRule, Match, MatchMode, EngagementValue } from '../shared/filter-tree';
export type { Catalog, CatalogField, CatalogOption, FieldType } from '../shared/catalog';
export type { CrmConfig, PluginConfig } from './config';
export type { SegmentsError } from './errors';
export type { Explanation, ExplainNode, ContactExplanation, ContactNode, CampaignRef } from '../shared/explain';
export type { Bounded } from './crm/bounded';
