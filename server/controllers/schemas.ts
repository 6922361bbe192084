import { z } from 'zod';
import { AI_OUTCOMES, AI_PROMPT_MAX } from '../../shared/contracts/ai';
import { LOOKUP_DEFAULT_LIMIT, LOOKUP_MAX_LIMIT } from '../../shared/lookup';
import { MEMBER_SORTS } from '../../shared/members';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../shared/contracts/paging';

const pageNumber = z.coerce.number().int().min(1);

export const paging = z.object({
  page: pageNumber.default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** A member page: paging, a search over name and email, an order (shared/members.ts). */
export const memberQuery = paging.extend({
  q: z.string({ error: 'q must be one search text' }).max(255).optional(),
  sort: z.enum(MEMBER_SORTS, { error: `sort must be one of: ${MEMBER_SORTS.join(', ')}` }).optional(),
  order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).optional(),
});

export const listRenameBody = z.object({
  name: z
    .string({ error: 'name is required: the list needs a name' })
    .trim()
    .min(1, 'name is empty: the list needs a name')
    .max(255, 'name must be at most 255 characters'),
});

export const previewBody = z.object({
  filters: z.unknown().refine((v) => v !== undefined, 'filters is required'),
  limit: z.coerce.number().int().min(0).max(MAX_PAGE_SIZE).optional(),
});

const text = (max: number) => z.string().max(max);

export const segmentCreateBody = z.object({
  name: text(255),
  description: text(10_000).nullish(),
  filters: z.unknown().refine((v) => v !== undefined, 'filters is required'),
  aiPrompt: text(10_000).nullish(),
  archived: z.boolean().optional(),
  watched: z.boolean({ error: 'watched must be true or false' }).optional(),
});

export const segmentUpdateBody = segmentCreateBody.partial();

export const segmentListQuery = paging.extend({
  archived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().max(255).optional(),
});

export const listListQuery = paging.extend({ q: z.string().max(255).optional() });

export const exportBody = z.object({
  name: text(255).optional(),
  description: text(10_000).optional(),
});

const documentId = z.string().min(1).max(64);

/** GET /segments/:documentId/changes: a cursor from this feed, and a page size. */
export const changesQuery = z.object({
  after: z
    .string({ error: 'after must be one cursor' })
    .regex(/^\d{1,15}$/, 'after must be a cursor from this feed (a whole number as text)')
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(10_000, 'limit must be at most 10000')
    .optional(),
  newest: z
    .enum(['true', 'false'], { error: 'newest must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
});

const isoDate = (name: string) =>
  z
    .string({ error: `${name} must be one date` })
    .refine((v) => !Number.isNaN(Date.parse(v)), `${name} must be an ISO-8601 date, e.g. 2026-11-01T00:00:00Z`)
    .transform((v) => new Date(v))
    .optional();

/** GET /segments/:documentId/history. */
export const historyQuery = z.object({ from: isoDate('from'), to: isoDate('to') });

/** GET /lookup (shared/lookup.ts); every value arrives as a query-string string. */
export const lookupQuery = z.object({
  target: z
    .string({
      error: (issue) => (issue.input === undefined ? 'target is required (a content-type uid)' : 'target must be one content-type uid'),
    })
    .min(1, 'target is required (a content-type uid)')
    .max(255),
  q: z.string({ error: 'q must be one search text' }).max(255).optional(),
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

export const explainBody = z.object({
  filters: z.unknown().refine((v) => v !== undefined, 'filters is required'),
});

export const explainContactBody = z
  .object({
    filters: z.unknown().optional(),
    segment: documentId.optional(),
    contact: z.string({ error: 'contact is required (a contact documentId)' }).min(1, 'contact is required (a contact documentId)').max(64),
  })
  .refine((b) => (b.filters === undefined) !== (b.segment === undefined), {
    message: 'send either filters (a tree) or segment (a saved segment documentId), not both',
    path: ['filters'],
  });

export const contactSearchQuery = z.object({
  q: z.string({ error: 'q must be one search text' }).max(255).optional(),
  limit: z.coerce.number({ error: 'limit must be a whole number' }).int().min(1).max(LOOKUP_MAX_LIMIT).default(10),
});

/** The current tree sent for refinement, as JSON text. */
export const AI_FILTERS_MAX_CHARS = 100_000;

export const aiGenerateBody = z.object({
  prompt: z
    .string({ error: 'prompt is required: describe the audience in words' })
    .trim()
    .min(1, 'prompt is empty: describe the audience in words')
    .max(AI_PROMPT_MAX, `prompt is longer than ${AI_PROMPT_MAX} characters`),
  filters: z
    .object(
      { combinator: z.string(), rules: z.array(z.unknown()) },
      { error: 'filters must be the current tree: { combinator, rules: [...] }' },
    )
    .passthrough()
    .refine(
      (tree) => JSON.stringify(tree).length <= AI_FILTERS_MAX_CHARS,
      `filters is larger than ${AI_FILTERS_MAX_CHARS} characters of JSON`,
    )
    .optional()
    .nullable(),
});

export const aiOutcomeBody = z.object({
  outcome: z.enum(AI_OUTCOMES as [string, ...string[]], { error: `outcome must be one of: ${AI_OUTCOMES.join(', ')}` }),
});
