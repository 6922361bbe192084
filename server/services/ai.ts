/**
 * AI Mode: a prompt (and optionally the current tree, to refine it) in, a validated filter tree out.
 * Nothing is saved. The model's answer goes through the same validator as a person's tree; one
 * invalid answer is sent back with the validator's messages, a second one is refused (422).
 */
import type { Core } from '@strapi/strapi';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AiGenerateBody, AiGenerateResult } from '../../shared/ai';
import { describeTree } from '../../shared/describe-tree';
import { SEGMENT_UID } from '../../shared/lookup';
import { PLUGIN_ID } from '../../shared/permissions';
import { NOT_CONFIGURED, resolveAiSettings, type AiSettings } from '../ai/config';
import { MAX_CAMPAIGNS, MAX_SEGMENTS, systemMessage, userMessage, type Grounding } from '../ai/grounding';
import { resolveNames, type RecordFinder } from '../ai/resolve-names';
import { decodeAnswer } from '../ai/schema';
import { complete } from '../ai/upstream';
import type { ValidationIssue } from '../engine/validate';
import { InvalidTreeError, SegmentsError, unavailable } from '../errors';
import type { PluginConfig } from '../config';
import { segmentRepository } from '../repositories/segment-repository';
import { getService } from '../utils/get-service';

export type GenerateInput = AiGenerateBody;
export type GenerateResult = AiGenerateResult;

/** One call to the model, for callers that measure (the eval harness). */
export interface AttemptInfo {
  attempt: number;
  ms: number;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

/** Attempts per request: the first answer, and one repair carrying the validation errors. */
export const MAX_ATTEMPTS = 2;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const audience = () => getService(strapi, 'audience');
  const lookup = () => getService(strapi, 'lookup');
  const segments = segmentRepository(strapi);

  const settings = (): AiSettings | null =>
    resolveAiSettings(strapi.config.get(`plugin::${PLUGIN_ID}.ai`) as PluginConfig['ai'] | undefined, process.env);

  async function grounding(now: Date): Promise<Grounding> {
    const fields = audience().catalog().fields;
    const campaignTarget = fields.find((f) => f.type === 'engagement')?.target;
    const campaigns = campaignTarget
      ? (await lookup().find({ target: campaignTarget, limit: MAX_CAMPAIGNS })).map((c) => ({
          documentId: c.documentId,
          name: c.label,
          sentAt: c.detail ?? null,
        }))
      : [];
    const saved = (await segments.findMany({ archived: false })).slice(0, MAX_SEGMENTS);
    return { fields, campaigns, segments: saved.map((s) => ({ documentId: s.documentId, name: s.name })), now };
  }

  const finder: RecordFinder = {
    async find(target, text) {
      const { labelField } = lookup().target(target);
      const published = (strapi.contentTypes as any)[target]?.options?.draftAndPublish ? [{ publishedAt: { $notNull: true } }] : [];
      const query = strapi.db.query(target as any);
      const byId = await query.findOne({ select: ['documentId'], where: { $and: [...published, { documentId: text }] } });
      if (byId) return { byId: true, ids: [text] };
      if (labelField === 'documentId') return { byId: false, ids: [] };
      // The database narrows, JavaScript decides: exact, case-insensitive by Unicode lowercasing.
      const rows = (await query.findMany({
        select: ['documentId', labelField],
        where: { $and: [...published, { [labelField]: { $containsi: text } }] },
        orderBy: [{ id: 'asc' }],
        limit: 100,
      })) as Array<Record<string, unknown>>;
      const wanted = text.toLowerCase();
      const ids = rows.filter((r) => typeof r[labelField] === 'string' && (r[labelField] as string).trim().toLowerCase() === wanted);
      return { byId: false, ids: [...new Set(ids.map((r) => String(r.documentId)))] };
    },
  };

  /** The decoded, name-resolved, validated tree of one answer, or the issues that refuse it. */
  async function check(content: string | null): Promise<{ result?: GenerateResult; issues: ValidationIssue[]; warnings: string[] }> {
    const decoded = decodeAnswer(content);
    if ('problem' in decoded) return { issues: [{ path: '(answer)', message: decoded.problem }], warnings: [] };
    const { tree, warnings } = await resolveNames(decoded.answer.filters, audience().catalog().fields, finder, SEGMENT_UID);
    try {
      const filters = await audience().validate(tree);
      return { result: { filters, explanation: decoded.answer.explanation, warnings }, issues: [], warnings };
    } catch (error) {
      if (error instanceof InvalidTreeError) return { issues: error.issues, warnings };
      throw error;
    }
  }

  return {
    async generate({ prompt, filters }: GenerateInput, observe: { onAttempt?: (info: AttemptInfo) => void } = {}): Promise<GenerateResult> {
      const ai = settings();
      if (!ai) throw unavailable(NOT_CONFIGURED);
      const context = await grounding(new Date());
      const inWords = filters ? describeTree(filters, context.fields, {
        campaigns: Object.fromEntries(context.campaigns.map((c) => [c.documentId, c.name])),
        segments: Object.fromEntries(context.segments.map((s) => [s.documentId, s.name])),
      }) : undefined;
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: systemMessage(context) },
        { role: 'user', content: userMessage(prompt, filters, inWords) },
      ];

      let last: { issues: ValidationIssue[]; warnings: string[] } = { issues: [], warnings: [] };
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const answer = await complete(ai, messages);
        const usage = answer.usage;
        strapi.log.debug(
          `[segments] AI Mode attempt ${attempt}: model ${ai.model}, ${answer.ms} ms, tokens prompt ${usage?.prompt_tokens ?? '?'} ` +
            `completion ${usage?.completion_tokens ?? '?'} total ${usage?.total_tokens ?? '?'}`
        );
        observe.onAttempt?.({
          attempt,
          ms: answer.ms,
          promptTokens: usage?.prompt_tokens,
          completionTokens: usage?.completion_tokens,
          totalTokens: usage?.total_tokens,
        });
        if (answer.refusal) {
          throw new SegmentsError(422, `The AI model declined this prompt: ${answer.refusal}`, { errors: [], warnings: [] });
        }
        const checked = await check(answer.content);
        if (checked.result) return checked.result;
        last = checked;
        messages.push(
          { role: 'assistant', content: answer.content ?? '' },
          {
            role: 'user',
            content:
              'That tree was refused by the validator:\n' +
              checked.issues.map((i) => `- ${i.path}: ${i.message}`).join('\n') +
              (checked.warnings.length ? `\nAlso: ${checked.warnings.join('; ')}` : '') +
              '\nAnswer again with the whole corrected tree, using only fields, operators, values, campaigns and segments listed above.',
          }
        );
      }
      const first = last.issues[0];
      const more = last.issues.length > 1 ? ` (and ${last.issues.length - 1} more)` : '';
      throw new SegmentsError(
        422,
        `AI Mode could not turn this prompt into a valid segment: ${first.path} ${first.message}${more}. Rephrase it, or build that part in the builder.`,
        { errors: last.issues, warnings: last.warnings }
      );
    },
  };
};
