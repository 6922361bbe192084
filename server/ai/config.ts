import { AI_NOT_CONFIGURED_PREFIX } from '../../shared/contracts/ai';
import type { PluginConfig } from '../config';

export type ResponseFormat = 'auto' | 'json_schema' | 'json_object' | 'tools';
export const RESPONSE_FORMATS: readonly ResponseFormat[] = ['auto', 'json_schema', 'json_object', 'tools'];

export interface AiSettings {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  responseFormat: ResponseFormat;
  temperature: number;
  seed?: number;
  maxOutputTokens?: number;
  sendValues: boolean;
  dailyLimitPerUser?: number;
  auditRetentionDays: number;
}

/** A model that supports structured outputs with recursive schemas; override with ai.model or SEGMENTS_AI_MODEL. */
export const DEFAULT_MODEL = 'gpt-4.1-mini';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 1;
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

const nonEmpty = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

function whole(text: string | undefined, min: number, max: number): number | undefined {
  if (!nonEmpty(text) || !/^\d+$/.test(text!.trim())) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

const format = (text: string | undefined) => RESPONSE_FORMATS.find((f) => f === nonEmpty(text));

/**
 * The effective AI settings: each plugin config key wins over its environment variable
 * (OPENAI_API_KEY, OPENAI_BASE_URL, SEGMENTS_AI_MODEL, SEGMENTS_AI_TIMEOUT_MS, SEGMENTS_AI_MAX_RETRIES,
 * SEGMENTS_AI_RESPONSE_FORMAT). Null when no key is configured: AI Mode is then off and says so.
 * Read per request, so a key set in the environment of a running server is picked up at once.
 */
export function resolveAiSettings(config: PluginConfig['ai'] | undefined, env: NodeJS.ProcessEnv = process.env): AiSettings | null {
  const ai = config ?? {};
  const apiKey = nonEmpty(ai.apiKey) ?? nonEmpty(env.OPENAI_API_KEY);
  if (!apiKey) return null;
  return {
    apiKey,
    baseURL: nonEmpty(ai.baseURL) ?? nonEmpty(env.OPENAI_BASE_URL),
    model: nonEmpty(ai.model) ?? nonEmpty(env.SEGMENTS_AI_MODEL) ?? DEFAULT_MODEL,
    timeoutMs: ai.timeoutMs ?? whole(env.SEGMENTS_AI_TIMEOUT_MS, 1, 600_000) ?? DEFAULT_TIMEOUT_MS,
    maxRetries: ai.maxRetries ?? whole(env.SEGMENTS_AI_MAX_RETRIES, 0, 5) ?? DEFAULT_MAX_RETRIES,
    responseFormat: ai.responseFormat ?? format(env.SEGMENTS_AI_RESPONSE_FORMAT) ?? 'auto',
    temperature: ai.temperature ?? 0,
    ...(ai.seed !== undefined ? { seed: ai.seed } : {}),
    ...(ai.maxOutputTokens !== undefined ? { maxOutputTokens: ai.maxOutputTokens } : {}),
    sendValues: ai.sendValues ?? true,
    ...(ai.dailyLimitPerUser !== undefined ? { dailyLimitPerUser: ai.dailyLimitPerUser } : {}),
    auditRetentionDays: ai.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS,
  };
}

export const NOT_CONFIGURED =
  `${AI_NOT_CONFIGURED_PREFIX}: set OPENAI_API_KEY (or the plugin's ai.apiKey in config/plugins) on the server; ` +
  'it is read on every request. OPENAI_BASE_URL and SEGMENTS_AI_MODEL choose another OpenAI-compatible server and model. Everything else works without it.';
