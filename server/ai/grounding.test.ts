import type { Catalog } from '../../shared/catalog';
import catalogJson from '../../tests/fixtures/playground-catalog.json';
import { catalogText, MAX_OPTIONS } from './grounding';

const catalog = catalogJson as Catalog;

describe('the catalog sent to the model', () => {
  it('lists every field and sub-field of the playground within the budget', () => {
    const text = catalogText(catalog.fields);
    for (const f of catalog.fields) expect(text).toContain(`- ${f.name} | ${f.label} | ${f.type} |`);
    expect(text).toContain('    - closeDate | Close date | date |');
    expect(text).not.toContain('left out');
  });

  it('drops sub-fields first, then fields, and says how many', () => {
    const full = catalogText(catalog.fields);
    const topOnly = catalog.fields.map((f) => catalogText([{ ...f, subFields: [] }])).join('\n').length;
    const text = catalogText(catalog.fields, topOnly + 10);
    expect(text).toContain('- deals | Deals | toMany');
    expect(text).not.toContain('closeDate');
    expect(text).toMatch(/\(catalog cut to fit: 0 fields and \d+ sub-fields left out\)$/);
    expect(text.length).toBeLessThan(full.length);
    expect(catalogText(catalog.fields, 200)).toMatch(/\(catalog cut to fit: \d+ fields and \d+ sub-fields left out\)$/);
  });

  it('cuts long enumerations with a count', () => {
    const options = Array.from({ length: MAX_OPTIONS + 5 }, (_, i) => ({ value: `v${i}`, label: `V${i}` }));
    const text = catalogText([{ name: 'size', label: 'Size', type: 'enumeration', operators: ['='], group: 'Contact', options }]);
    expect(text).toContain(`v${MAX_OPTIONS - 1} (and 5 more)`);
    expect(text).not.toContain(`v${MAX_OPTIONS},`);
  });
});
