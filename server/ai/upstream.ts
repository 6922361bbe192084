/**
 * One chat completion through the official SDK, with bounded time and retries, and every way it
 * can fail turned into a SegmentsError the admin API answers with (never a 500):
 *   401/403 → 502, 429 → 503 (+ Retry-After when the provider sent one), 5xx → 502, timeout → 504,
 *   connection refused / DNS → 502, any other status → 502.
 * The SDK's own retries are off: it would sleep through a 429's Retry-After (minutes) while the
 * admin waits. Here only timeouts, connection errors and 5xx are retried, `maxRetries` times.
 * Reasons are written here, never copied from the provider, whose messages can echo the key.
 */
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { SegmentsError } from '../errors';
import type { AiSettings } from './config';
import { RESPONSE_SCHEMA, RESPONSE_SCHEMA_NAME } from './schema';

export interface Completion {
  content: string | null;
  refusal: string | null;
  usage: ChatCompletion['usage'] | undefined;
  ms: number;
}

const upstream = (status: number, message: string, headers?: Record<string, string>) => new SegmentsError(status, message, {}, headers);

/**
 * A timeout by the clock, not only by class: the SDK recognises its own abort by the error's name,
 * which is lost when fetch and AbortController come from another realm (jest's VM, some hosts'
 * fetch polyfills); the request then surfaces as a plain connection error after `timeoutMs`.
 */
const timedOut = (error: unknown, elapsedMs: number, settings: AiSettings) =>
  error instanceof OpenAI.APIConnectionTimeoutError || (error instanceof OpenAI.APIConnectionError && elapsedMs >= settings.timeoutMs * 0.95);

function mapError(error: unknown, elapsedMs: number, settings: AiSettings): SegmentsError {
  const where = `the AI provider (model ${settings.model})`;
  if (timedOut(error, elapsedMs, settings)) {
    return upstream(504, `AI Mode timed out: ${where} did not answer within ${settings.timeoutMs} ms`);
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return upstream(502, `AI Mode could not reach ${where}: check OPENAI_BASE_URL (or ai.baseURL)`);
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    if (status === 401 || status === 403) {
      return upstream(502, `AI Mode was refused by ${where} (${status}): check the API key`);
    }
    if (status === 429) {
      const retryAfter = error.headers?.get('retry-after');
      const seconds = retryAfter && /^\d+$/.test(retryAfter.trim()) ? retryAfter.trim() : undefined;
      return upstream(
        503,
        `AI Mode is rate limited by ${where} (429)${seconds ? `: try again in ${seconds} s` : ': try again later'}`,
        seconds ? { 'Retry-After': seconds } : undefined
      );
    }
    if (status === 404) return upstream(502, `${where} does not know this model or route (404): check SEGMENTS_AI_MODEL and OPENAI_BASE_URL`);
    if (status >= 500) return upstream(502, `${where} failed (${status}); try again`);
    return upstream(502, `${where} refused the request (${status})`);
  }
  return upstream(502, `AI Mode failed to call ${where}`);
}

const retryable = (error: unknown) =>
  error instanceof OpenAI.APIConnectionError || (error instanceof OpenAI.APIError && (error.status ?? 0) >= 500);

export async function complete(settings: AiSettings, messages: ChatCompletionMessageParam[]): Promise<Completion> {
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: 0,
    // The SDK's debug logging prints request details; the plugin logs what it needs itself.
    logLevel: 'off',
  });
  for (let attempt = 0; ; attempt += 1) {
    const started = Date.now();
    try {
      const answer = await client.chat.completions.create({
        model: settings.model,
        messages,
        response_format: { type: 'json_schema', json_schema: { name: RESPONSE_SCHEMA_NAME, schema: RESPONSE_SCHEMA as any, strict: true } },
      });
      const message = answer.choices?.[0]?.message;
      return { content: message?.content ?? null, refusal: message?.refusal ?? null, usage: answer.usage, ms: Date.now() - started };
    } catch (error) {
      if (attempt < settings.maxRetries && retryable(error)) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 2_000)));
        continue;
      }
      throw mapError(error, Date.now() - started, settings);
    }
  }
}
