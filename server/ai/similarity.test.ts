import { nearest, probes, similarity } from './similarity';

describe('similar names', () => {
  it('rank a misspelling and a contained name first, unrelated ones out', () => {
    expect(nearest('Nova Holdigns', ['Nova Holdings', 'Acme GmbH', 'Novartis', 'Initech'])).toEqual(['Nova Holdings']);
    expect(nearest('Nova', ['Nova Holdings 7', 'Acme GmbH'])).toEqual(['Nova Holdings 7']);
    expect(nearest('Globex', ['Acme GmbH', 'Initech'])).toEqual([]);
    expect(similarity('germany', 'Germany')).toBe(1);
  });

  it('are searched for by the whole text, its words and its start', () => {
    expect(probes('Nova Holdigns')).toEqual(['Nova Holdigns', 'Nova', 'Holdigns', 'Nov']);
  });
});
