/**
 * What the model is told: how a tree is written, the field catalog, the recent campaigns, the saved
 * segments and today's date. Everything here is data the admin can already read through the
 * catalog, lookup and segments routes; no contact is ever sent.
 *
 * Size caps keep a big host CRM (hundreds of custom attributes or enumeration values) inside a
 * prompt: enumeration options past MAX_OPTIONS per field are cut with a count, and once the catalog
 * text passes CATALOG_BUDGET characters, sub-fields of to-many fields are dropped first, then the
 * remaining top-level fields, each drop counted in a closing line so the model knows.
 */
import type { CatalogField } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';
import { encodeTree } from './schema';

export const CATALOG_BUDGET = 12_000;
export const MAX_OPTIONS = 40;
export const MAX_CAMPAIGNS = 30;
export const MAX_SEGMENTS = 100;

export interface CampaignInfo {
  documentId: string;
  name: string;
  sentAt: string | null;
}

export interface SegmentInfo {
  documentId: string;
  name: string;
}

export interface Grounding {
  fields: CatalogField[];
  campaigns: CampaignInfo[];
  segments: SegmentInfo[];
  now: Date;
}

function fieldLine(f: CatalogField, indent: string): string {
  let line = `${indent}- ${f.name} | ${f.label} | ${f.type} | ${f.operators.join(' ')}`;
  if (f.options?.length) {
    const shown = f.options.slice(0, MAX_OPTIONS).map((o) => o.value);
    const more = f.options.length - shown.length;
    line += ` | values: ${shown.join(', ')}${more > 0 ? ` (and ${more} more)` : ''}`;
  }
  if (f.type === 'toMany') line += ` | match modes: ${(f.matchModes ?? []).join(' ')} | sub-fields:`;
  return line;
}

/** The catalog as compact lines within CATALOG_BUDGET. */
export function catalogText(fields: CatalogField[], budget = CATALOG_BUDGET): string {
  const top = fields.map((f) => fieldLine(f, ''));
  const subs = fields.map((f) => (f.subFields ?? []).map((s) => fieldLine(s, '    ')));
  const size = (lines: string[]) => lines.reduce((n, l) => n + l.length + 1, 0);
  let used = size(top);
  let droppedSubs = 0;
  let droppedFields = 0;
  // Sub-fields are kept in catalog order until the budget runs out.
  const keptSubs = subs.map((list) =>
    list.filter((line) => {
      if (used + line.length + 1 > budget) {
        droppedSubs += 1;
        return false;
      }
      used += line.length + 1;
      return true;
    })
  );
  const lines: string[] = [];
  let total = 0;
  fields.forEach((_, i) => {
    const block = [top[i], ...keptSubs[i]];
    if (total + size(block) > budget) {
      droppedFields += 1;
      return;
    }
    total += size(block);
    lines.push(...block);
  });
  if (droppedSubs || droppedFields) {
    lines.push(`(catalog cut to fit: ${droppedFields} fields and ${droppedSubs} sub-fields left out)`);
  }
  return lines.join('\n');
}

const RULES = `You turn a marketer's description of an audience into a filter tree over CRM contacts.
Answer only with the JSON of the response schema: "explanation" (one or two plain sentences) and "filters".

The tree: a group { combinator: "and" | "or", not, rules: [rule or group] }; an empty group matches every contact.
A rule: { field, operator, valueJson, match, subFilters }. valueJson is the value written as JSON text.
- Text and enumeration fields: = != contains doesNotContain beginsWith doesNotBeginWith endsWith doesNotEndWith in notIn null notNull. Comparison is case-insensitive. Enumeration values must be one of the listed values (use the value, not the label).
- Numbers: = != < <= > >= between notBetween in notIn null notNull; between takes [low, high], inclusive.
- Dates: = != < <= > >= between notBetween null notNull; values are ISO dates or date math relative to now: "now", "now-60d", "now+2w" (units h d w M y).
  "in the last 90 days" is >= "now-90d"; "more than 60 days ago" is < "now-60d"; "in the next 2 weeks" is <= "now+2w".
- Booleans: = != with true / false.
- To-one relations (type relation) compare the related record's documentId.
- To-many fields (type toMany: their sub-fields are listed under them) take operator "matches", a match { mode, threshold } and subFilters: a group over the sub-fields.
  Modes: some (at least one related record matches), none (no related record matches), all (every related record matches), atLeast / atMost / exactly with threshold.
  "has no deal" is deals matches { mode: none } with an empty subFilters group. "not contacted in 60 days" is activities none with occurredAt >= now-60d.
- Email engagement (type engagement): operators any, all, none; valueJson {"last": N} for the N latest sent campaigns ("our last campaign" is {"last": 1}), or {"campaigns": [names]} using campaign names from the list below.
- Segment membership (type segment): operators in / notIn; valueJson a list of segment names from the list below.
Use only fields, operators and values from the catalog. Prefer the simplest tree that says exactly what was asked. When something asked for cannot be expressed, leave it out and say so in the explanation.`;

export function systemMessage(g: Grounding): string {
  const campaigns = g.campaigns.length
    ? g.campaigns.map((c) => `- ${c.name} | ${c.documentId} | ${c.sentAt ? `sent ${c.sentAt}` : 'not sent'}`).join('\n')
    : '(none)';
  const segments = g.segments.length ? g.segments.map((s) => `- ${s.name} | ${s.documentId}`).join('\n') : '(none)';
  return [
    RULES,
    `Today is ${g.now.toISOString().slice(0, 10)} (now = ${g.now.toISOString()}, UTC).`,
    `Fields (name | label | type | operators | values):\n${catalogText(g.fields)}`,
    `Recent campaigns, latest sent first (name | documentId | send date):\n${campaigns}`,
    `Saved segments (name | documentId):\n${segments}`,
  ].join('\n\n');
}

export function userMessage(prompt: string, current?: FilterGroup, currentInWords?: string): string {
  if (!current) return prompt;
  return [
    'Refine this current tree as asked and answer with the whole new tree.',
    `Current tree: ${JSON.stringify(encodeTree(current))}`,
    currentInWords ? `In words: ${currentInWords}` : '',
    `Change asked: ${prompt}`,
  ]
    .filter(Boolean)
    .join('\n');
}
