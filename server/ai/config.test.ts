import config from '../config';
import { DEFAULT_MAX_RETRIES, DEFAULT_MODEL, DEFAULT_TIMEOUT_MS, resolveAiSettings } from './config';

describe('AI settings', () => {
  it('are off without a key in plugin config or environment', () => {
    expect(resolveAiSettings({}, {})).toBeNull();
    expect(resolveAiSettings(undefined, { OPENAI_API_KEY: '  ' })).toBeNull();
  });

  it('come from the environment, with defaults', () => {
    expect(resolveAiSettings({}, { OPENAI_API_KEY: 'k' })).toEqual({
      apiKey: 'k',
      baseURL: undefined,
      model: DEFAULT_MODEL,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      maxRetries: DEFAULT_MAX_RETRIES,
      responseFormat: 'auto',
      temperature: 0,
      sendValues: true,
      auditRetentionDays: 90,
    });
    expect(
      resolveAiSettings(
        {},
        {
          OPENAI_API_KEY: 'k',
          OPENAI_BASE_URL: 'http://llm:8000/v1',
          SEGMENTS_AI_MODEL: 'llama',
          SEGMENTS_AI_TIMEOUT_MS: '5000',
          SEGMENTS_AI_MAX_RETRIES: '0',
        },
      ),
    ).toEqual(expect.objectContaining({ apiKey: 'k', baseURL: 'http://llm:8000/v1', model: 'llama', timeoutMs: 5000, maxRetries: 0 }));
  });

  it('take the plugin config over the environment, key by key', () => {
    const env = {
      OPENAI_API_KEY: 'env-key',
      OPENAI_BASE_URL: 'http://env/v1',
      SEGMENTS_AI_MODEL: 'env-model',
      SEGMENTS_AI_TIMEOUT_MS: '5000',
    };
    expect(resolveAiSettings({ apiKey: 'cfg-key', model: 'cfg-model', maxRetries: 3 }, env)).toEqual({
      apiKey: 'cfg-key',
      baseURL: 'http://env/v1',
      model: 'cfg-model',
      timeoutMs: 5000,
      maxRetries: 3,
      responseFormat: 'auto',
      temperature: 0,
      sendValues: true,
      auditRetentionDays: 90,
    });
  });

  it('carry the response format, sampling and value settings', () => {
    expect(
      resolveAiSettings(
        { responseFormat: 'tools', temperature: 0.3, seed: 7, maxOutputTokens: 800, sendValues: false },
        { OPENAI_API_KEY: 'k' },
      ),
    ).toEqual(expect.objectContaining({ responseFormat: 'tools', temperature: 0.3, seed: 7, maxOutputTokens: 800, sendValues: false }));
    expect(resolveAiSettings({}, { OPENAI_API_KEY: 'k', SEGMENTS_AI_RESPONSE_FORMAT: 'json_object' })?.responseFormat).toBe('json_object');
    expect(resolveAiSettings({}, { OPENAI_API_KEY: 'k', SEGMENTS_AI_RESPONSE_FORMAT: 'xml' })?.responseFormat).toBe('auto');
    expect(() => config.validator({ crm: {}, ai: { responseFormat: 'xml' } })).toThrow(/ai\.responseFormat/);
  });

  it('ignore environment numbers out of bounds', () => {
    const s = resolveAiSettings({}, { OPENAI_API_KEY: 'k', SEGMENTS_AI_TIMEOUT_MS: 'soon', SEGMENTS_AI_MAX_RETRIES: '99' });
    expect([s?.timeoutMs, s?.maxRetries]).toEqual([DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RETRIES]);
  });

  it('are validated strictly in config/plugins', () => {
    expect(() => config.validator({ crm: {}, ai: { apiKey: 'k', timeoutMs: 10_000, maxRetries: 2 } })).not.toThrow();
    expect(() => config.validator({ crm: {}, ai: { maxRetries: 9 } })).toThrow(/ai\.maxRetries/);
    expect(() => config.validator({ crm: {}, ai: { timeout: 10 } })).toThrow(/ai/);
  });
});
