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
import { z } from 'zod';
import { LOOKUP_DEFAULT_LIMIT, LOOKUP_MAX_LIMIT, SEARCH_MAX, SEGMENT_UID } from './constants';
import { documentId } from './fields';

export { LOOKUP_DEFAULT_LIMIT, LOOKUP_MAX_LIMIT, SEGMENT_UID };

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

/** GET /lookup: every value arrives as query-string text (`ids` comma-separated, see admin/api.ts). */
export const lookupQuery = z.object({
  target: z
    .string({
      error: (issue) => (issue.input === undefined ? 'target is required (a content-type uid)' : 'target must be one content-type uid'),
    })
    .min(1, 'target is required (a content-type uid)')
    .max(255),
  q: z.string({ error: 'q must be one search text' }).max(SEARCH_MAX).optional(),
  ids: z
    .string({ error: 'ids must be one comma-separated list of documentIds' })
    .max(10_000)
    .transform((v) =>
      v
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(documentId).max(LOOKUP_MAX_LIMIT, `ids takes at most ${LOOKUP_MAX_LIMIT} documentIds`))
    .optional(),
  exclude: documentId.optional(),
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(LOOKUP_MAX_LIMIT, `limit must be at most ${LOOKUP_MAX_LIMIT}`)
    .default(LOOKUP_DEFAULT_LIMIT),
});
