import { z } from 'zod';

const pageNumber = z.coerce.number().int().min(1);

export const paging = z.object({
  page: pageNumber.default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const previewBody = z.object({
  filters: z.unknown().refine((v) => v !== undefined, 'filters is required'),
  limit: z.coerce.number().int().min(0).max(100).optional(),
});

const text = (max: number) => z.string().max(max);

export const segmentCreateBody = z.object({
  name: text(255),
  description: text(10_000).nullish(),
  filters: z.unknown().refine((v) => v !== undefined, 'filters is required'),
  aiPrompt: text(10_000).nullish(),
  archived: z.boolean().optional(),
});

export const segmentUpdateBody = segmentCreateBody.partial();

export const segmentListQuery = z.object({
  archived: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().max(255).optional(),
});

export const listListQuery = z.object({ q: z.string().max(255).optional() });

export const exportBody = z.object({
  name: text(255).optional(),
  description: text(10_000).optional(),
});

