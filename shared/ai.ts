/**
 * AI Mode's route, shared by server and admin:
 *
 *   POST /segments/ai/generate   [use-ai]   { prompt, filters? } → { filters, explanation, warnings }
 *
 * `filters` is the tree to refine; the answer is always a whole tree, validated like a person's,
 * and nothing is saved. 400 empty or too long prompt, 422 the model's tree could not be made valid,
 * 502 the provider failed or refused the key, 503 AI Mode not configured or rate limited
 * (Retry-After when the provider said when), 504 the provider timed out.
 */
import type { FilterGroup } from './filter-tree';

/** A paragraph is plenty to describe an audience, and it bounds what is sent to the model. */
export const AI_PROMPT_MAX = 2_000;

export interface AiGenerateBody {
  prompt: string;
  filters?: FilterGroup;
}

export interface AiGenerateResult {
  filters: FilterGroup;
  explanation: string;
  warnings: string[];
}

/** The start of the 503 message when no key is configured (the panel then explains how to enable it). */
export const AI_NOT_CONFIGURED_PREFIX = 'AI Mode is not configured';
