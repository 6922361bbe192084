/**
 * The pickers' read-only lookup route, shared by server and admin:
 *
 *   GET /segments/lookup?target=<content-type uid>&q=<search>&ids=<documentId,…>&exclude=<documentId>&limit=<n>   [read]
 *   → { data: LookupItem[] }
 *
 * `target` must be a type the catalog references (a to-one relation's target such as the company type,
 * a to-many sub-field's relation target such as a deal's company or an email event's campaign, the
 * campaigns of `email.*`, or `plugin::segments.segment`); anything else is a 400.
 * `q` searches the label case-insensitively; `ids` resolves the labels of values already chosen
 * (then `q` is ignored); `exclude` leaves one documentId out (the segment being edited).
 * Campaigns come sent ones first (latest first), then scheduled ones (send date in the future, soonest
 * first), then unsent, with `detail` = their send date (ISO) or null when not sent;
 * segments come by name, with `detail` = "archived" for archived ones; other types by label.
 */
export interface LookupItem {
  documentId: string;
  label: string;
  detail?: string | null;
}

export interface LookupQuery {
  target: string;
  q?: string;
  ids?: string[];
  exclude?: string;
  limit?: number;
}

export const LOOKUP_DEFAULT_LIMIT = 20;
export const LOOKUP_MAX_LIMIT = 100;
export const SEGMENT_UID = 'plugin::segments.segment';
