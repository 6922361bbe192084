/**
 * One chat completion through the official SDK, with bounded time and retries, and every way it
 * can fail turned into a SegmentsError the admin API answers with (never a 500):
 *   401/403 → 502, 429 → 503 (+ Retry-After when the provider sent one), 5xx → 502, timeout → 504,
 *   connection refused / DNS → 502, a 200 that is no chat completion → 502, any other status → 502;
 *   the caller's abort (the admin cancelled or went away) → 499, and the upstream request is closed.
 * The provider's status and message are kept in the answer, because they are what a person needs to
 * fix a server that is not OpenAI; the message is redacted first (providers echo keys) and cut short.
 * The caller logs each failure. The SDK's own retries are off: it would sleep through a 429's
 * Retry-After while the admin waits. Here only timeouts, connection errors and 5xx are retried.
 */
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { cancelled, SegmentsError } from '../errors';
import type { AiSettings } from './config';
import { answerText, fallBack, formatFor, refusesFormat, requestBody, type ConcreteFormat } from './request-format';

export interface Completion {
  content: string | null;
  refusal: string | null;
  usage: ChatCompletion['usage'] | undefined;
  ms: number;
  format: ConcreteFormat;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Told when `auto` falls back to another format. */
  warn?: (message: string) => void;
}

const PROVIDER_MESSAGE_MAX = 300;

const upstream = (status: number, message: string, headers?: Record<string, string>) => new SegmentsError(status, message, {}, headers);

/** The provider's own words, without the key or anything shaped like one. */
export function redact(text: string, apiKey: string): string {
  let out = text;
  if (apiKey) out = out.split(apiKey).join('[key]');
  out = out.replace(/\b(sk|key|pk)-[A-Za-z0-9_*-]{6,}/g, '[key]').replace(/Bearer\s+\S+/gi, 'Bearer [key]');
  return out.length > PROVIDER_MESSAGE_MAX ? `${out.slice(0, PROVIDER_MESSAGE_MAX)}…` : out;
}

/**
 * What the provider said about a failed request. Read from the raw error body, because servers
 * shape it differently and the SDK keeps only OpenAI's `{ error: { message } }`: vLLM answers
 * `{ message }`, FastAPI-based proxies `{ detail }`, Ollama sometimes `{ error: "..." }`.
 */
function providerMessage(error: InstanceType<typeof OpenAI.APIError>, rawBody: string | undefined): string {
  let body: unknown = rawBody;
  try {
    body = rawBody ? JSON.parse(rawBody) : undefined;
  } catch {
    // text as it is
  }
  const b = body as { error?: unknown; message?: unknown; detail?: unknown } | string | undefined;
  const nested =
    typeof b === 'object' && b && typeof b.error === 'object' && b.error ? (b.error as { message?: unknown }).message : undefined;
  const said = [
    typeof b === 'string' ? b : undefined,
    nested,
    typeof b === 'object' && b ? b.error : undefined,
    typeof b === 'object' && b ? b.message : undefined,
    typeof b === 'object' && b ? b.detail : undefined,
  ].find((x): x is string => typeof x === 'string' && x.trim() !== '');
  return (said ?? error.message.replace(/^\d{3}\s+(status code \(no body\))?/, '')).trim();
}

/**
 * A timeout by the clock, not only by class: the SDK recognises its own abort by the error's name,
 * which is lost when fetch and AbortController come from another realm (jest's VM, some hosts'
 * fetch polyfills); the request then surfaces as a plain connection error after `timeoutMs`.
 */
const timedOut = (error: unknown, elapsedMs: number, settings: AiSettings) =>
  error instanceof OpenAI.APIConnectionTimeoutError ||
  (error instanceof OpenAI.APIConnectionError && elapsedMs >= settings.timeoutMs * 0.95);

function mapError(error: unknown, elapsedMs: number, settings: AiSettings, rawBody: string | undefined): SegmentsError {
  const where = `the AI provider (model ${settings.model})`;
  if (timedOut(error, elapsedMs, settings)) {
    return upstream(504, `AI Mode timed out: ${where} did not answer within ${settings.timeoutMs} ms`);
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return upstream(502, `AI Mode could not reach ${where}: check OPENAI_BASE_URL (or ai.baseURL)`);
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    const said = redact(providerMessage(error, rawBody), settings.apiKey);
    const saying = said ? `: "${said}"` : '';
    if (status === 401 || status === 403) {
      return upstream(502, `AI Mode was refused by ${where} (${status})${saying}; check the API key`);
    }
    if (status === 429) {
      const retryAfter = error.headers?.get('retry-after');
      const seconds = retryAfter && /^\d+$/.test(retryAfter.trim()) ? retryAfter.trim() : undefined;
      return upstream(
        503,
        `AI Mode is rate limited by ${where} (429)${seconds ? `: try again in ${seconds} s` : ': try again later'}`,
        seconds ? { 'Retry-After': seconds } : undefined,
      );
    }
    if (status === 404)
      return upstream(502, `${where} does not know this model or route (404)${saying}; check SEGMENTS_AI_MODEL and OPENAI_BASE_URL`);
    if (status >= 500) return upstream(502, `${where} failed (${status})${saying}; try again`);
    return upstream(502, `${where} refused the request (${status})${saying}`);
  }
  return upstream(502, `AI Mode failed to call ${where}: its answer was not a chat completion; check OPENAI_BASE_URL (or ai.baseURL)`);
}

const retryable = (error: unknown) =>
  !(error instanceof OpenAI.APIUserAbortError) &&
  (error instanceof OpenAI.APIConnectionError || (error instanceof OpenAI.APIError && (error.status ?? 0) >= 500));

const aiCancelled = () => cancelled('AI Mode was cancelled');

const notACompletion = (settings: AiSettings) =>
  new SegmentsError(
    502,
    `the AI provider (model ${settings.model}) answered 200 with something that is not a chat completion; check OPENAI_BASE_URL (or ai.baseURL): it must end in /v1`,
  );

export async function complete(
  settings: AiSettings,
  messages: ChatCompletionMessageParam[],
  schema: Record<string, unknown>,
  options: CallOptions = {},
): Promise<Completion> {
  let errorBody: string | undefined;
  const client = new OpenAI({
    apiKey: settings.apiKey,
    fetch: async (url: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(url, init);
      errorBody = response.ok
        ? undefined
        : await response
            .clone()
            .text()
            .catch(() => undefined);
      return response;
    },
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: 0,
    // The SDK's debug logging prints request details; the plugin logs what it needs itself.
    logLevel: 'off',
  });
  let format = formatFor(settings);
  for (let attempt = 0; ; ) {
    if (options.signal?.aborted) throw aiCancelled();
    const started = Date.now();
    try {
      const answer = (await client.chat.completions.create(requestBody(settings, format, schema, messages), {
        signal: options.signal,
      })) as unknown;
      const choices = (answer as ChatCompletion | null)?.choices;
      if (!Array.isArray(choices)) throw notACompletion(settings);
      const message = choices[0]?.message;
      return {
        content: answerText(message),
        refusal: message?.refusal ?? null,
        usage: (answer as ChatCompletion).usage,
        ms: Date.now() - started,
        format,
      };
    } catch (error) {
      if (options.signal?.aborted || error instanceof OpenAI.APIUserAbortError) throw aiCancelled();
      if (error instanceof SegmentsError) throw error;
      if (error instanceof OpenAI.APIError && refusesFormat(error.status ?? 0, providerMessage(error, errorBody))) {
        const next = fallBack(settings, format);
        if (next) {
          options.warn?.(
            `[segments] AI Mode: ${settings.baseURL ?? 'the provider'} refused ${format} for model ${settings.model} ` +
              `(${error.status}: "${redact(providerMessage(error, errorBody), settings.apiKey)}"); using ${next} from now on`,
          );
          format = next;
          continue;
        }
      }
      if (attempt < settings.maxRetries && retryable(error)) {
        attempt += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(125 * 2 ** attempt, 2_000)));
        continue;
      }
      throw mapError(error, Date.now() - started, settings, errorBody);
    }
  }
}
