import type { FilterGroup } from '../../shared/filter-tree';
import { decodeAnswer, encodeTree, RESPONSE_SCHEMA } from './schema';

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
      { field: 'deals', operator: 'matches', match: { mode: 'atLeast', threshold: 2 }, value: { combinator: 'and', rules: [{ field: 'amount', operator: '>', value: 1000 }] } },
      { field: 'activities', operator: 'matches', match: { mode: 'none' }, value: { combinator: 'and', rules: [] } },
    ],
  };

  it('decode back to the tree they encode', () => {
    expect(decodeAnswer(JSON.stringify({ explanation: ' x ', filters: encodeTree(tree) }))).toEqual({ answer: { explanation: 'x', filters: tree } });
  });

  it('take a bare word where JSON text was asked as that word', () => {
    const content = JSON.stringify({ explanation: '', filters: { combinator: 'and', not: false, rules: [{ field: 'email', operator: 'contains', valueJson: 'gmail', match: null, subFilters: null }] } });
    expect(decodeAnswer(content)).toEqual({ answer: { explanation: '', filters: { combinator: 'and', rules: [{ field: 'email', operator: 'contains', value: 'gmail' }] } } });
  });

  it('that are not a tree say why', () => {
    expect(decodeAnswer('Here you go')).toEqual({ problem: 'the answer was not JSON following the response schema' });
    expect(decodeAnswer('{"explanation":"x"}')).toEqual({ problem: 'the answer has no "filters" group' });
    expect(decodeAnswer(null)).toEqual({ problem: 'the answer was not JSON following the response schema' });
  });
});
