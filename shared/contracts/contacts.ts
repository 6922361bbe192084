/**
 * Contacts as the plugin shows them, and the contact search of the editor's explainer:
 *
 *   GET /segments/contacts?q=&limit=   [read]  → { data: ContactSummary[] }
 */
import { z } from 'zod';
import { LOOKUP_MAX_LIMIT, SEARCH_MAX } from './constants';

/** A contact as the plugin shows one: in previews, member pages and the change feed. */
export interface ContactIdentity {
  documentId: string;
  name: string;
  email: string | null;
}

/** A row of a preview or member page. */
export interface ContactSummary extends ContactIdentity {
  id: number;
  company: string | null;
}

export const contactSearchQuery = z.object({
  q: z.string({ error: 'q must be one search text' }).max(SEARCH_MAX).optional(),
  limit: z.coerce.number({ error: 'limit must be a whole number' }).int().min(1).max(LOOKUP_MAX_LIMIT).default(10),
});
/** The search as the client gives it (before query-string encoding; `limit` defaults to 10) and the server reads it. */
export type ContactSearchQuery = Partial<z.output<typeof contactSearchQuery>>;
