import type { Catalog } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';
import catalogJson from '../../tests/fixtures/playground-catalog.json';
import { decodeAnswer, encodeTree, responseSchema } from './schema';

const catalog = catalogJson as Catalog;
const RESPONSE_SCHEMA = responseSchema(catalog.fields) as Record<string, any>;

/** The rule shapes of a group definition that accept this field and operator. */
const shapesFor = (group: string, field: string, operator: string) =>
  (RESPONSE_SCHEMA.$defs[group].properties.rules.items.anyOf as Array<Record<string, any>>).filter(
    (v) => v.properties?.field?.enum?.includes(field) && v.properties.operator.enum.includes(operator),
  );

/** OpenAI strict mode: every object closed, every property required, the root an object. */
function strictProblems(node: unknown, path = '#'): string[] {
  if (!node || typeof node !== 'object') return [];
  const problems: string[] = [];
  const n = node as Record<string, any>;
  if (n.type === 'object') {
    if (n.additionalProperties !== false) problems.push(`${path}: additionalProperties must be false`);
    const keys = Object.keys(n.properties ?? {}).sort();
    if (JSON.stringify([...(n.required ?? [])].sort()) !== JSON.stringify(keys)) problems.push(`${path}: every property must be required`);
  }
  for (const [key, child] of Object.entries(n)) {
    if (Array.isArray(child)) child.forEach((c, i) => problems.push(...strictProblems(c, `${path}/${key}/${i}`)));
    else problems.push(...strictProblems(child, `${path}/${key}`));
  }
  return problems;
}

describe('the response schema', () => {
  it('is valid for strict structured outputs', () => {
    expect(RESPONSE_SCHEMA.type).toBe('object');
    expect(strictProblems(RESPONSE_SCHEMA)).toEqual([]);
    const refs = JSON.stringify(RESPONSE_SCHEMA).match(/#\/\$defs\/\w+/g) ?? [];
    refs.forEach((ref) => expect(RESPONSE_SCHEMA.$defs).toHaveProperty(ref.split('/')[2]));
  });

  it('is the tree: catalog field names, operators per type, values typed per operator', () => {
    expect(shapesFor('group', 'leadScore', '>').map((v) => v.properties.value)).toEqual([{ type: 'number' }]);
    expect(shapesFor('group', 'leadScore', 'between').map((v) => v.properties.value.items)).toEqual([{ type: 'number' }]);
    expect(shapesFor('group', 'leadScore', 'contains')).toEqual([]);
    expect(shapesFor('group', 'shoeSize', '=')).toEqual([]);
    expect(shapesFor('group', 'lifecycleStage', '=')[0].properties.value.enum).toEqual(
      catalog.fields.find((f) => f.name === 'lifecycleStage')!.options!.map((o) => o.value),
    );
    expect(shapesFor('group', 'phone', 'null').map((v) => v.properties.value)).toEqual([{ type: 'null' }]);
    expect(shapesFor('group', 'unsubscribed', '=').map((v) => v.properties.value)).toEqual([{ type: 'boolean' }]);
    const engagement = shapesFor('group', 'email.opened', 'all')[0].properties.value.anyOf;
    expect(engagement[0].properties.last).toEqual(expect.objectContaining({ type: 'integer' }));
    // A to-many rule's sub-group speaks of the related type's own fields.
    const deals = shapesFor('group', 'deals', 'matches')[0];
    expect(deals.properties.subFilters.$ref).toBe('#/$defs/group_deals');
    expect(shapesFor('group_deals', 'amount', '>').length).toBe(1);
    expect(shapesFor('group_deals', 'leadScore', '>')).toEqual([]);
  });
});

describe('answers', () => {
  const tree: FilterGroup = {
    combinator: 'or',
    not: true,
    rules: [
      { field: 'lifecycleStage', operator: 'in', value: ['lead', 'mql'] },
      { field: 'phone', operator: 'null' },
      { field: 'email.opened', operator: 'all', value: { last: 3 } },
      { combinator: 'and', rules: [{ field: 'leadScore', operator: 'between', value: [10, '20'] }] },
      {
        field: 'deals',
        operator: 'matches',
        match: { mode: 'atLeast', threshold: 2 },
        value: { combinator: 'and', rules: [{ field: 'amount', operator: '>', value: 1000 }] },
      },
      { field: 'activities', operator: 'matches', match: { mode: 'none' }, value: { combinator: 'and', rules: [] } },
    ],
  };

  it('decode back to the tree they encode', () => {
    expect(decodeAnswer(JSON.stringify({ explanation: ' x ', filters: encodeTree(tree) }))).toEqual({
      answer: { explanation: 'x', filters: tree },
    });
  });

  it('are read out of a code fence or prose around the JSON', () => {
    const json = JSON.stringify({ explanation: 'x', question: null, filters: encodeTree(tree) });
    expect(decodeAnswer('```json\n' + json + '\n```')).toEqual({ answer: { explanation: 'x', filters: tree } });
    expect(decodeAnswer(`Here is the segment:\n${json}\nHope it helps.`)).toEqual({ answer: { explanation: 'x', filters: tree } });
  });

  it("carry the model's question instead of a tree", () => {
    expect(
      decodeAnswer(JSON.stringify({ explanation: '', question: 'Which campaign?', filters: { combinator: 'and', not: false, rules: [] } })),
    ).toEqual({
      answer: { explanation: '', question: 'Which campaign?', filters: { combinator: 'and', rules: [] } },
    });
  });

  it('that are not a tree say why', () => {
    expect(decodeAnswer('Here you go')).toEqual({ problem: 'the answer was not JSON following the response schema' });
    expect(decodeAnswer('{"explanation":"x"}')).toEqual({ problem: 'the answer has no "filters" group' });
    expect(decodeAnswer(null)).toEqual({ problem: 'the answer was not JSON following the response schema' });
  });
});
