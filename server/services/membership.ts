/**
 * Why a contact is (not) in an audience (POST /segments/explain/contact, shared/contracts/explain.ts): the
 * tree annotated at every node with the contact's result there, and beside each rule the stored
 * data that decided it. Every result comes from the engine itself (the node's sub-tree compiled like
 * any tree and evaluated on this contact), so the root's result is membership by construction and
 * the facts only explain it; they never decide it.
 */
import type { Core } from '@strapi/strapi';
import type { CampaignRef, ContactExplanation, ContactNode } from '../../shared/contracts/explain';
import { isGroup, type FilterGroup, type FilterRule } from '../../shared/filter-tree';
import { contactFacts, type ContactFacts } from '../crm/contact-facts';
import { explainPlan } from '../engine/explain-plan';
import { notFound, unavailable } from '../errors';
import { segmentRepository } from '../repositories/segment-repository';
import { getService } from '../utils/get-service';
import type { SegmentOrFilters } from './audience';

const EVERYONE: FilterGroup = { combinator: 'and', rules: [] };
const PROBES_PER_STATEMENT = 100;
const one = (rule: FilterRule): FilterGroup => ({ combinator: 'and', rules: [rule] });

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const audience = () => getService(strapi, 'audience');
  const facts = contactFacts(strapi);
  const segments = segmentRepository(strapi);

  /**
   * Whether the contact matches each tree, in a few statements over that one contact row. A tree that
   * reads saved segments brings its own named sub-queries (CTEs, named per compilation): it is asked alone.
   */
  async function evaluate(contactId: number, trees: FilterGroup[], now: Date): Promise<boolean[]> {
    const raw = strapi.db.connection.raw.bind(strapi.db.connection);
    const everyone = await audience().compile(EVERYONE, now);
    const compiled = await Promise.all(trees.map((tree) => audience().compile(tree, now)));
    const statements: number[][] = compiled.flatMap((a, i) => (a.segments.length > 0 ? [[i]] : []));
    const plain = compiled.flatMap((a, i) => (a.segments.length > 0 ? [] : [i]));
    for (let start = 0; start < plain.length; start += PROBES_PER_STATEMENT)
      statements.push(plain.slice(start, start + PROBES_PER_STATEMENT));

    const results: boolean[] = new Array(trees.length);
    for (const batch of statements) {
      const over =
        batch.length === 1 ? { ...everyone, segments: compiled[batch[0]].segments, staged: compiled[batch[0]].staged } : everyone;
      const [row] = await audience().read<Record<string, unknown>>(
        audience()
          .matching(over)
          .where('c.id', contactId)
          .select(
            batch.map((t, i) =>
              raw(`CASE WHEN ${compiled[t].predicate.sql} THEN 1 ELSE 0 END AS r${i}`, compiled[t].predicate.bindings as any[]),
            ),
          ),
        'explain this contact',
        over,
      );
      // Found on the primary but not where reads run: a replica (plugin config readConnection) behind it.
      if (!row) throw unavailable('this contact is not on the read replica yet (replication lag); try again in a moment');
      batch.forEach((t, i) => (results[t] = Number(row[`r${i}`]) === 1));
    }
    return results;
  }

  /** Related records of a to-many rule matching its sub-group: the largest k with "at least k" true. */
  async function matchedRelated(contactId: number, rule: FilterRule, total: number, now: Date): Promise<number> {
    let low = 0;
    let high = total;
    while (low < high) {
      const k = Math.ceil((low + high) / 2);
      const [holds] = await evaluate(contactId, [one({ ...rule, match: { mode: 'atLeast', threshold: k } })], now);
      if (holds) low = k;
      else high = k - 1;
    }
    return low;
  }

  return {
    async explain(input: SegmentOrFilters, contactDocumentId: string): Promise<ContactExplanation> {
      const { tree } = await audience().resolve(input);
      const now = new Date();
      const catalog = new Map(
        audience()
          .catalog()
          .fields.map((f) => [f.name, f]),
      );
      const plan = explainPlan(tree);
      const rules = plan.filter((n) => !isGroup(n.node)).map((n) => ({ path: n.path, rule: n.node as FilterRule }));
      const typeOf = (rule: FilterRule) => catalog.get(rule.field)?.type;

      const contact: ContactFacts | null = await facts.load(contactDocumentId, {
        scalar: rules.filter(({ rule }) => !['toMany', 'engagement', 'segment'].includes(typeOf(rule) ?? '')).map(({ rule }) => rule.field),
        toMany: rules.filter(({ rule }) => typeOf(rule) === 'toMany').map(({ rule }) => rule.field),
      });
      if (!contact) throw notFound(`contact "${contactDocumentId}" does not exist`);

      // Probes beyond the nodes themselves: each campaign of an engagement set, each referenced segment.
      const probes: FilterGroup[] = plan.map((n) => n.alone);
      // `first`: the index of the rule's first probe in `probes`.
      const extra = new Map<string, { campaigns?: CampaignRef[]; segments?: string[]; first: number }>();
      for (const { path, rule } of rules) {
        const type = typeOf(rule);
        if (type === 'engagement') {
          const set = await facts.campaignSet(rule.value, now);
          extra.set(path, { campaigns: set, first: probes.length });
          set.forEach((c) => probes.push(one({ field: rule.field, operator: 'any', value: { campaigns: [c.documentId] } })));
        } else if (type === 'segment') {
          const ids = [...new Set(rule.value as string[])];
          extra.set(path, { segments: ids, first: probes.length });
          ids.forEach((id) => probes.push(one({ field: rule.field, operator: 'in', value: [id] })));
        }
      }
      const results = await evaluate(contact.id, probes, now);

      const nodes: ContactNode[] = [];
      for (const [i, n] of plan.entries()) {
        const node: ContactNode = { path: n.path, ...(n.id ? { id: n.id } : {}), result: results[i] };
        if (!isGroup(n.node)) {
          const rule = n.node;
          const more = extra.get(n.path);
          switch (typeOf(rule)) {
            case 'toMany': {
              const total = contact.relatedTotal(rule.field);
              node.related = { matched: await matchedRelated(contact.id, rule, total, now), total };
              break;
            }
            case 'engagement':
              node.campaigns = {
                set: more!.campaigns!,
                engaged: more!.campaigns!.filter((_, j) => results[more!.first + j]).map((c) => c.documentId),
              };
              break;
            case 'segment':
              node.segments = await Promise.all(
                more!.segments!.map(async (documentId, j) => ({
                  documentId,
                  name: (await segments.findOne(documentId))?.name ?? documentId,
                  result: results[more!.first + j],
                })),
              );
              break;
            default:
              node.values = contact.values(rule.field);
          }
        }
        nodes.push(node);
      }
      return { contact: { documentId: contact.documentId, name: contact.name, email: contact.email }, member: nodes[0].result, nodes };
    },
  };
};
