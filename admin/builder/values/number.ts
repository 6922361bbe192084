/**
 * Reading numbers the user types. A well-formed number becomes a number, except integers beyond
 * 2^53 (biginteger), which stay decimal strings so they compare exactly; anything else stays the
 * text it was, so the tree carries it, the server names it invalid, and nothing is silently lost.
 */
import { isNumberValue } from '../../../shared/bounds';

export type ParsedNumber = { ok: true; value: number | string } | { ok: false; value: string };

export function parseNumberText(text: string): ParsedNumber {
  const trimmed = text.trim();
  if (!isNumberValue(trimmed)) return { ok: false, value: text };
  const n = Number(trimmed);
  if (!trimmed.includes('.') && !Number.isSafeInteger(n)) return { ok: true, value: trimmed };
  return { ok: true, value: n };
}

export const numberText = (value: unknown) => (value === undefined || value === null ? '' : String(value));
