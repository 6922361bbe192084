/**
 * A tiny tagged template for the hand-written SQL: interpolated strings are SQL text (names from
 * the metadata, constants written by hand), fragments are spliced with their bindings, and every
 * other value (dates, numbers, `bind(...)`) becomes a `?` placeholder, bound in text order.
 */
export interface Sql {
  sql: string;
  bindings: unknown[];
}

class Bound {
  constructor(readonly value: unknown) {}
}

/** Forces a value (a string, typically) to be bound rather than written into the SQL. */
export const bind = (value: unknown) => new Bound(value);

const isSql = (x: unknown): x is Sql => typeof x === 'object' && x !== null && 'sql' in x && 'bindings' in x;

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0];
  const bindings: unknown[] = [];
  values.forEach((value, i) => {
    if (typeof value === 'string') text += value;
    else if (isSql(value)) {
      text += value.sql;
      bindings.push(...value.bindings);
    } else {
      text += '?';
      bindings.push(value instanceof Bound ? value.value : value);
    }
    text += strings[i + 1];
  });
  return { sql: text, bindings };
}

/** `a, b, c` of several fragments. */
export function join(parts: Sql[], separator = ', '): Sql {
  return { sql: parts.map((p) => p.sql).join(separator), bindings: parts.flatMap((p) => p.bindings) };
}
