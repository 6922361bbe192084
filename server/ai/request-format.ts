/**
 * How the answer's shape is asked of an OpenAI-compatible server (`ai.responseFormat`):
 *   json_schema  strict structured outputs (OpenAI, Azure, recent vLLM);
 *   json_object  JSON mode, the schema written into the system message (Ollama, LiteLLM, older vLLM);
 *   tools        one forced function call whose parameters are the schema (servers with tool calling only);
 *   auto         json_schema, and on a refusal of the schema itself json_object, remembered for this
 *                process, base URL and model so the refusal is paid once.
 */
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AiSettings, ResponseFormat } from './config';
import { RESPONSE_SCHEMA_NAME } from './schema';

export type ConcreteFormat = Exclude<ResponseFormat, 'auto'>;

const fallbacks = new Map<string, ConcreteFormat>();
const serverKey = (settings: AiSettings) => `${settings.baseURL ?? 'openai'}|${settings.model}`;

/** The format to use now for these settings. */
export function formatFor(settings: AiSettings): ConcreteFormat {
  if (settings.responseFormat !== 'auto') return settings.responseFormat;
  return fallbacks.get(serverKey(settings)) ?? 'json_schema';
}

/** After a schema refusal in `auto` mode: the format to try instead, remembered; undefined when there is none. */
export function fallBack(settings: AiSettings, refused: ConcreteFormat): ConcreteFormat | undefined {
  if (settings.responseFormat !== 'auto' || refused !== 'json_schema') return undefined;
  fallbacks.set(serverKey(settings), 'json_object');
  return 'json_object';
}

/** Forgets what `auto` learnt (tests start each server afresh). */
export function forgetFallbacks() {
  fallbacks.clear();
}

/** A provider's 400/422 that is about the requested output format rather than the prompt. */
export const refusesFormat = (status: number, message: string) =>
  (status === 400 || status === 422) &&
  /response_format|json_schema|schema|structured|guided|grammar|tool|not supported|unsupported/i.test(message);

export function requestBody(
  settings: AiSettings,
  format: ConcreteFormat,
  schema: Record<string, unknown>,
  messages: ChatCompletionMessageParam[],
): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: settings.model,
    messages,
    temperature: settings.temperature,
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.maxOutputTokens !== undefined ? { max_tokens: settings.maxOutputTokens } : {}),
  };
  if (format === 'json_schema') {
    body.response_format = { type: 'json_schema', json_schema: { name: RESPONSE_SCHEMA_NAME, schema, strict: true } };
  } else if (format === 'json_object') {
    body.response_format = { type: 'json_object' };
    // JSON mode promises JSON, not this JSON: the schema is said in words the model reads.
    body.messages = [
      ...messages.slice(0, 1).map(
        (m) =>
          ({
            ...m,
            content: `${m.content}\n\nAnswer with one JSON object valid against this JSON schema:\n${JSON.stringify(schema)}`,
          }) as ChatCompletionMessageParam,
      ),
      ...messages.slice(1),
    ];
  } else {
    body.tools = [
      {
        type: 'function',
        function: { name: RESPONSE_SCHEMA_NAME, description: 'Return the filter tree for the described audience.', parameters: schema },
      },
    ];
    body.tool_choice = { type: 'function', function: { name: RESPONSE_SCHEMA_NAME } };
  }
  return body;
}

/** The answer's text in any format: a tool call's arguments, else the message content. */
export function answerText(message: ChatCompletion['choices'][number]['message'] | undefined): string | null {
  const call = message?.tool_calls?.find((c) => c.type === 'function');
  if (call && call.type === 'function' && typeof call.function?.arguments === 'string') return call.function.arguments;
  return message?.content ?? null;
}
