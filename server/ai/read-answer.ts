/**
 * Reads the JSON object out of a model's text. Servers that do not enforce a schema (Ollama and vLLM
 * in JSON mode, most models through `tools` on small servers) wrap it in a markdown fence or put a
 * sentence before or after it; the object is the same, so it is taken as it is rather than costing a
 * repair turn.
 */
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseObject(text: string): Record<string, any> | undefined {
  try {
    const parsed = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function readJsonObject(content: string | null | undefined): Record<string, any> | undefined {
  const text = (content ?? '').trim();
  if (!text) return undefined;
  const whole = parseObject(text);
  if (whole) return whole;
  for (const fence of text.matchAll(/```[a-zA-Z]*\s*\n?([\s\S]*?)```/g)) {
    const inside = parseObject(fence[1].trim());
    if (inside) return inside;
  }
  // Prose around one object: from the first "{" to the last "}".
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  return first >= 0 && last > first ? parseObject(text.slice(first, last + 1)) : undefined;
}
