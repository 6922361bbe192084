/**
 * AI Mode's route, shared by server and admin:
 *
 *   POST /segments/ai/generate                        [use-ai]  { prompt, filters? } → AiGenerateResult
 *   POST /segments/ai/generations/:documentId/outcome  [use-ai]  AiOutcomeBody → { data: { documentId, outcome } }
 *
 * Each generation is recorded (who, prompt, model, tokens, tree, explanation, warnings, outcome) for
 * `ai.auditRetentionDays`; the panel reports what the admin did with a proposal. 429 past the
 * optional `ai.dailyLimitPerUser`.
 *
 * `filters` is the tree to refine; the answer is always a whole tree, validated like a person's,
 * and nothing is saved. 400 empty or too long prompt; 422 the model's tree could not be made valid,
 * or it names a campaign, segment or record that does not exist (`details.unresolved`, with the
 * nearest names: "needs your review"); 502 the provider failed, refused the key or the request (its
 * status and redacted message in the text), or answered with something that is no chat completion;
 * 503 AI Mode not configured or rate limited (Retry-After when the provider said when); 504 the
 * provider timed out. A request the admin cancels (the connection closes) cancels the provider's.
 */
import { z } from 'zod';
import type { FilterGroup } from '../filter-tree';
import { AI_FILTERS_MAX_CHARS, AI_NOT_CONFIGURED_PREFIX, AI_PROMPT_MAX } from './constants';
import type { WithTree } from './fields';

export { AI_FILTERS_MAX_CHARS, AI_NOT_CONFIGURED_PREFIX, AI_PROMPT_MAX };

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

/** The prompt, and the tree to refine (none: start from nothing). */
export type AiGenerateBody = WithTree<z.input<typeof aiGenerateBody>>;

export interface AiGenerateResult {
  filters: FilterGroup;
  /** The model's own words about its tree: shown labelled as the model's, after the tree in words. */
  explanation: string;
  /** Things to check: several records of one name, a value no contact has (with the nearest ones). */
  warnings: string[];
  /** The record of this generation, for reporting its outcome. */
  generationId: string;
}

/** What became of a generation; `proposed` until the admin applies or discards it. */
export type AiGenerationOutcome = 'proposed' | 'applied' | 'discarded' | 'failed' | 'cancelled';

/** What the admin did with a proposal. */
export type AiOutcome = 'applied' | 'discarded';
export const AI_OUTCOMES = ['applied', 'discarded'] as const satisfies readonly AiOutcome[];

export const aiOutcomeBody = z.object({
  outcome: z.enum(AI_OUTCOMES, { error: `outcome must be one of: ${AI_OUTCOMES.join(', ')}` }),
});
export type AiOutcomeBody = z.input<typeof aiOutcomeBody>;

export interface NameCandidate {
  documentId: string;
  name: string;
}

/** A name in the model's tree that matches no record (422 `details.unresolved`). */
export interface UnresolvedName {
  /** Where in the tree (`rules[1].value[0]`). */
  path: string;
  field: string;
  /** campaign, segment, company… */
  kind: string;
  name: string;
  /** The most similar existing names, best first (may be empty). */
  candidates: NameCandidate[];
}
