/**
 * AI Mode: a prompt (and optionally the current tree, to refine it) in, a validated filter tree out.
 * Nothing is saved. The model's answer is read tolerantly, cleaned up deterministically
 * (server/ai/normalise.ts), its names resolved against all records and then validated like a
 * person's tree; only a tree the validator still refuses is sent back once with its messages, and a
 * second refusal is a 422. A name that matches no record, or a question from the model, is a 422 that
 * asks the admin, never a tree that means something else. Every failure is logged at warn.
 */
import type { Core } from '@strapi/strapi';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AiGenerateBody, AiGenerateResult, AiGenerationOutcome, AiOutcome, UnresolvedName } from '../../shared/contracts/ai';
import { describeTree } from '../../shared/describe-tree';
import type { FilterGroup } from '../../shared/filter-tree';
import { SEGMENT_UID } from '../../shared/contracts/lookup';
import { NOT_CONFIGURED, resolveAiSettings, type AiSettings } from '../ai/config';
import { fieldValues, unknownValueWarnings } from '../ai/field-values';
import { MAX_CAMPAIGNS, MAX_SEGMENTS, systemMessage, userMessage, type Grounding } from '../ai/grounding';
import { hideValues, restoreValues } from '../ai/hide-values';
import { normaliseTree } from '../ai/normalise';
import { resolveNames, unresolvedMessage, type RecordFinder } from '../ai/resolve-names';
import { decodeAnswer, responseSchema } from '../ai/schema';
import { nearest, probes } from '../ai/similarity';
import { complete } from '../ai/upstream';
import type { ValidationIssue } from '../engine/validate';
import { CANCELLED_STATUS, conflict, InvalidTreeError, notFound, SegmentsError, unavailable } from '../errors';
import { pluginConfig } from '../config/plugin-config';
import { aiGenerationRepository } from '../repositories/ai-generation-repository';
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

export interface GenerateObserver {
  onAttempt?: (info: AttemptInfo) => void;
  /** Aborted when the admin cancels: the provider's request is closed too. */
  signal?: AbortSignal;
  /** The admin asking: recorded with the generation, and counted against `ai.dailyLimitPerUser`. */
  user?: { id: number; email?: string | null } | null;
}

/** A proposal without its record, as `run` makes it. */
type Proposal = Omit<GenerateResult, 'generationId'>;

const DAY_MS = 24 * 3600 * 1000;
const startOfUtcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/** Attempts per request: the first answer, and one repair carrying the validation errors. */
export const MAX_ATTEMPTS = 2;
/** Records read when looking for names like an unknown one. */
const SIMILAR_PROBE_LIMIT = 200;

type Checked =
  | { result: Proposal }
  | { question: string; explanation: string }
  | { unresolved: UnresolvedName[]; warnings: string[] }
  | { issues: ValidationIssue[]; warnings: string[] };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const audience = () => getService(strapi, 'audience');
  const lookup = () => getService(strapi, 'lookup');
  const segments = segmentRepository(strapi);
  const generations = aiGenerationRepository(strapi);

  const settings = (): AiSettings | null => resolveAiSettings(pluginConfig(strapi).ai, process.env);

  async function grounding(now: Date): Promise<Grounding> {
    const catalog = audience().catalog();
    const campaignTarget = catalog.fields.find((f) => f.type === 'engagement')?.target;
    const campaigns = campaignTarget
      ? (await lookup().find({ target: campaignTarget, limit: MAX_CAMPAIGNS })).map((c) => ({
          documentId: c.documentId,
          name: c.label,
          sentAt: c.detail ?? null,
        }))
      : [];
    const saved = (await segments.findMany({ archived: false })).slice(0, MAX_SEGMENTS);
    const values = await fieldValues(strapi, catalog.fields, catalog.contactType);
    return { fields: catalog.fields, campaigns, segments: saved.map((s) => ({ documentId: s.documentId, name: s.name })), values, now };
  }

  const finder: RecordFinder = {
    async find(target, text) {
      const { labelField } = lookup().target(target);
      const published = (strapi.contentTypes as any)[target]?.options?.draftAndPublish ? [{ publishedAt: { $notNull: true } }] : [];
      const query = strapi.db.query(target as any);
      const byId = await query.findOne({ select: ['documentId'], where: { $and: [...published, { documentId: text }] } });
      if (byId) return { byId: true, ids: [text], similar: [] };
      if (labelField === 'documentId') return { byId: false, ids: [], similar: [] };
      const rows = async (where: object, limit?: number) =>
        (await query.findMany({
          select: ['documentId', labelField],
          where: { $and: [...published, where] },
          orderBy: [{ id: 'asc' }],
          ...(limit ? { limit } : {}),
        })) as Array<Record<string, unknown>>;
      const label = (r: Record<string, unknown>) => (typeof r[labelField] === 'string' ? (r[labelField] as string) : '');
      // Exact over every row: the database's case-insensitive equality, then Unicode lowercasing over
      // the rows containing the text (SQLite's lower() folds ASCII only).
      const wanted = text.toLowerCase();
      let exact = await rows({ [labelField]: { $eqi: text } });
      const containing = exact.length ? [] : await rows({ [labelField]: { $containsi: text } });
      if (!exact.length) exact = containing.filter((r) => label(r).trim().toLowerCase() === wanted);
      if (exact.length) return { byId: false, ids: [...new Set(exact.map((r) => String(r.documentId)))], similar: [] };
      // A name said without its legal form ("Ironport Stores" for "Ironport Stores LLC") is that record
      // when exactly one name starts with it as whole words; the answer then says which one was taken.
      const starting = containing.filter((r) => label(r).trim().toLowerCase().startsWith(`${wanted} `));
      if (starting.length === 1) return { byId: false, ids: [String(starting[0].documentId)], similar: [], taken: label(starting[0]) };
      const seen = new Map<string, string>();
      for (const probe of probes(text)) {
        for (const r of await rows({ [labelField]: { $containsi: probe } }, SIMILAR_PROBE_LIMIT)) {
          if (!seen.has(label(r))) seen.set(label(r), String(r.documentId));
        }
      }
      const similar = nearest(text, [...seen.keys()]).map((name) => ({ documentId: seen.get(name)!, name }));
      return { byId: false, ids: [], similar };
    },
  };

  /** One answer, decoded, restored, cleaned up, name-resolved and validated; or why it is refused. */
  async function check(content: string | null, context: Grounding, hidden: Map<string, unknown>): Promise<Checked> {
    const decoded = decodeAnswer(content);
    if ('problem' in decoded) return { issues: [{ path: '(answer)', message: decoded.problem }], warnings: [] };
    const { explanation, question } = decoded.answer;
    if (question) return { question, explanation };
    const fields = context.fields;
    const cleaned = normaliseTree(restoreValues(decoded.answer.filters, hidden), fields);
    const { tree, warnings, unresolved } = await resolveNames(cleaned, fields, finder, SEGMENT_UID);
    if (unresolved.length) return { unresolved, warnings };
    try {
      const filters = await audience().validate(tree);
      return { result: { filters, explanation, warnings: [...warnings, ...unknownValueWarnings(filters, fields, context.values)] } };
    } catch (error) {
      if (error instanceof InvalidTreeError) return { issues: error.issues, warnings };
      throw error;
    }
  }

  function refineContext(filters: FilterGroup | undefined, context: Grounding, ai: AiSettings) {
    if (!filters) return { hidden: new Map<string, unknown>() };
    const { tree, values } = ai.sendValues ? { tree: filters, values: new Map<string, unknown>() } : hideValues(filters, context.fields);
    const inWords = describeTree(tree, context.fields, {
      campaigns: Object.fromEntries(context.campaigns.map((c) => [c.documentId, c.name])),
      segments: Object.fromEntries(context.segments.map((s) => [s.documentId, s.name])),
    });
    return { hidden: values, refine: { current: tree, inWords, redacted: !ai.sendValues } };
  }

  async function run(
    ai: AiSettings,
    { prompt, filters }: GenerateInput,
    observe: GenerateObserver & { onFormat: (f: string) => void },
  ): Promise<Proposal> {
    const context = await grounding(new Date());
    const schema = responseSchema(context.fields);
    const { hidden, refine } = refineContext(filters, context, ai);
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: systemMessage(context) },
      { role: 'user', content: userMessage(context, prompt, refine) },
    ];

    let last: { issues: ValidationIssue[]; warnings: string[] } = { issues: [], warnings: [] };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const answer = await complete(ai, messages, schema, { signal: observe.signal, warn: (m) => strapi.log.warn(m) });
      observe.onFormat(answer.format);
      const usage = answer.usage;
      strapi.log.debug(
        `[segments] AI Mode attempt ${attempt}: model ${ai.model}, ${answer.format}, ${answer.ms} ms, tokens prompt ${usage?.prompt_tokens ?? '?'} ` +
          `completion ${usage?.completion_tokens ?? '?'} total ${usage?.total_tokens ?? '?'}`,
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
      const checked = await check(answer.content, context, hidden);
      if ('result' in checked) return checked.result;
      if ('question' in checked) {
        throw new SegmentsError(422, `AI Mode needs more to go on: ${checked.question}`, {
          question: checked.question,
          explanation: checked.explanation,
        });
      }
      if ('unresolved' in checked) {
        throw new SegmentsError(422, unresolvedMessage(checked.unresolved), { unresolved: checked.unresolved, warnings: checked.warnings });
      }
      last = checked;
      messages.push(
        { role: 'assistant', content: answer.content ?? '' },
        {
          role: 'user',
          content:
            'That tree was refused by the validator:\n' +
            checked.issues.map((i) => `- ${i.path}: ${i.message}`).join('\n') +
            (checked.warnings.length ? `\nAlso: ${checked.warnings.join('; ')}` : '') +
            '\nAnswer again with the whole corrected tree, using only fields, operators, values, campaigns and segments given above.',
        },
      );
    }
    const first = last.issues[0];
    const more = last.issues.length > 1 ? ` (and ${last.issues.length - 1} more)` : '';
    throw new SegmentsError(
      422,
      `AI Mode could not turn this prompt into a valid segment: ${first.path} ${first.message}${more}. Rephrase it, or build that part in the builder.`,
      { errors: last.issues, warnings: last.warnings },
    );
  }

  /** 429 when the admin has used up today's generations. */
  async function checkLimit(ai: AiSettings, user: GenerateObserver['user'], now: Date) {
    if (!ai.dailyLimitPerUser || !user) return;
    const used = await generations.countSince(user.id, startOfUtcDay(now));
    if (used < ai.dailyLimitPerUser) return;
    const seconds = Math.ceil((startOfUtcDay(now).getTime() + DAY_MS - now.getTime()) / 1000);
    throw new SegmentsError(
      429,
      `You have used your ${ai.dailyLimitPerUser} AI Mode generations for today; more are possible from 00:00 UTC, in about ${Math.ceil(seconds / 3600)} h. The builder works as always.`,
      { limit: ai.dailyLimitPerUser, used },
      { 'Retry-After': String(seconds) },
    );
  }

  return {
    async generate(input: GenerateInput, observe: GenerateObserver = {}): Promise<GenerateResult> {
      const ai = settings();
      if (!ai) throw unavailable(NOT_CONFIGURED);
      const now = new Date();
      await checkLimit(ai, observe.user, now);
      const usage = { attempts: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 };
      let format: string | null = null;
      const record = async (
        outcome: AiGenerationOutcome,
        status: number,
        result?: Proposal,
        error?: string,
        details?: Record<string, unknown>,
      ) => {
        const id = await generations.create({
          userId: observe.user?.id ?? null,
          userEmail: observe.user?.email ?? null,
          prompt: input.prompt,
          refined: Boolean(input.filters),
          model: ai.model,
          responseFormat: format,
          ...usage,
          filters: result?.filters ?? null,
          explanation: result?.explanation ?? (typeof details?.explanation === 'string' ? details.explanation : null),
          warnings: result?.warnings ?? (Array.isArray(details?.warnings) ? (details.warnings as string[]) : []),
          outcome,
          status,
          error: error ?? null,
        });
        await generations.deleteOlderThan(new Date(now.getTime() - ai.auditRetentionDays * DAY_MS));
        return id;
      };
      const observed: GenerateObserver & { onFormat: (f: string) => void } = {
        ...observe,
        onFormat: (f) => (format = f),
        onAttempt: (info) => {
          usage.attempts += 1;
          usage.promptTokens += info.promptTokens ?? 0;
          usage.completionTokens += info.completionTokens ?? 0;
          usage.totalTokens += info.totalTokens ?? 0;
          observe.onAttempt?.(info);
        },
      };
      try {
        const result = await run(ai, input, observed);
        return { ...result, generationId: await record('proposed', 200, result) };
      } catch (error) {
        if (error instanceof SegmentsError) {
          const cancelled = error.status === CANCELLED_STATUS;
          if (!cancelled) strapi.log.warn(`[segments] AI Mode answered ${error.status} (model ${ai.model}): ${error.message}`);
          await record(cancelled ? 'cancelled' : 'failed', error.status, undefined, error.message, error.details);
        }
        throw error;
      }
    },

    /** The admin applied or discarded a proposal of theirs. */
    async setOutcome(documentId: string, outcome: AiOutcome, user: GenerateObserver['user']) {
      const found = await generations.findOne(documentId);
      if (!found || (found.userId !== null && found.userId !== user?.id))
        throw notFound(`No AI generation ${documentId} of yours was found`);
      if (found.outcome === 'failed' || found.outcome === 'cancelled') {
        throw conflict(
          `AI generation ${documentId} ${found.outcome === 'failed' ? 'failed' : 'was cancelled'}: it proposed nothing to apply or discard`,
        );
      }
      await generations.setOutcome(documentId, outcome);
      return { documentId, outcome };
    },
  };
};
