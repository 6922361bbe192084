/**
 * The zod pieces several contracts' schemas share. A failed parse is a 400 with the issue's message
 * and path (server/controllers/respond.ts).
 */
import { z } from 'zod';
import type { FilterGroup } from '../filter-tree';

/** A text of at most `max` characters. */
export const text = (max: number) => z.string().max(max);

export const documentId = z.string().min(1).max(64);

/**
 * A filter tree in a body: only required here. The tree validator (server/engine/validate.ts)
 * checks it and answers 400 with the path of every problem, which a schema could not word as well.
 */
export const tree = z.unknown().refine((v) => v !== undefined, 'filters is required');

/** A body as the client writes it: the schema's input, with `filters` typed as the tree it is. */
export type WithTree<T> = { [K in keyof T]: K extends 'filters' ? FilterGroup : T[K] };
