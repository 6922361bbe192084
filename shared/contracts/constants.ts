/**
 * The contracts' constants: the limits their schemas enforce, and the few values the admin reads at
 * run time. Kept free of zod, so that the admin can import values from here without bundling the
 * schemas (it imports only types from the area modules); each area's module re-exports its own.
 */

/** Paging (contracts/paging.ts). */
export const DEFAULT_PAGE_SIZE = 25;
/** The most rows one page (or a preview's contacts) may ask for. */
export const MAX_PAGE_SIZE = 100;

/** A segment's or list's name, and a search text (`q`). */
export const NAME_MAX = 255;
export const SEARCH_MAX = 255;
/** A segment's description and its AI prompt. */
export const DESCRIPTION_MAX = 10_000;

/** AI Mode (contracts/ai.ts): a paragraph is plenty to describe an audience, and it bounds what is sent to the model. */
export const AI_PROMPT_MAX = 2_000;
/** The current tree sent for refinement, as JSON text. */
export const AI_FILTERS_MAX_CHARS = 100_000;
/** The start of the 503 message when no key is configured (the panel then explains how to enable it). */
export const AI_NOT_CONFIGURED_PREFIX = 'AI Mode is not configured';

/** The pickers' lookup (contracts/lookup.ts). */
export const LOOKUP_DEFAULT_LIMIT = 20;
export const LOOKUP_MAX_LIMIT = 100;
/** The lookup target of segment pickers: the plugin's own segments. */
export const SEGMENT_UID = 'plugin::segments.segment';

/** The change feed (contracts/watch.ts): the most changes one page may ask for. */
export const CHANGES_MAX_LIMIT = 10_000;
/** The history's default window, and the list's sparkline window. */
export const WATCH_HISTORY_DAYS = 30;
/** At most this many points in a list item's `recentCounts`. */
export const RECENT_COUNTS_MAX = 60;

/** Explain (contracts/explain.ts): a node "cuts most" when it keeps less than this share of what its AND group held before it. */
export const CUTS_MOST_SHARE = 0.2;
