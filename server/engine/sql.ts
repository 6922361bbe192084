/**
 * The engine's dialect file: every difference between SQLite, PostgreSQL and MySQL/MariaDB in the SQL
 * the engine writes is here, and nothing else is. How a statement is run (its time bound, JIT, session
 * settings, whether shared segments are staged into temporary tables first) is the adapter's:
 * server/crm/execution.ts.
 *
 * Staging is split at that line: the statements of a temporary table of ids are SQL, written here
 * (`idTable`, `dropIdTables`); the choice to stage, and the settings, connection and order it runs
 * under, are the adapter's.
 */
import type { Dialect, SqlFragment } from './types';

/** SQLite's own LOWER folds ASCII only: the plugin registers this function (JS toLowerCase). */
export const SQLITE_LOWER = 'segments_lower';

export const TRUE: SqlFragment = { sql: '1 = 1', bindings: [] };
/** Ids a row of `joinedIds` carries at most (see there). */
export const ID_RUN = 64;

export const FALSE: SqlFragment = { sql: '1 = 0', bindings: [] };

export const frag = (sql: string, bindings: unknown[] = []): SqlFragment => ({ sql, bindings });

export function joinFragments(parts: SqlFragment[], separator: string): SqlFragment {
  return {
    sql: parts.map((p) => p.sql).join(separator),
    bindings: parts.flatMap((p) => p.bindings),
  };
}

export const not = (p: SqlFragment): SqlFragment => frag(`NOT (${p.sql})`, p.bindings);

export interface DialectOptions {
  dialect: Dialect;
  /** PostgreSQL: a collation whose lower() folds all of Unicode like JavaScript ("und-x-icu"). */
  postgresLowerCollation?: string;
  /** MySQL/MariaDB: the newest Unicode collation the server has, for LOWER ("utf8mb4_uca1400_ai_ci"). */
  mysqlLowerCollation?: string;
}

/**
 * The few places where SQLite, PostgreSQL and MySQL/MariaDB differ for the engine: identifier
 * quoting, Unicode lowercasing, and accent- and space-exact text comparison (MariaDB's default
 * collations ignore accents and trailing spaces, so its comparisons go through binary strings).
 */
export class SqlDialect {
  constructor(private readonly options: DialectOptions) {}

  get name(): Dialect {
    return this.options.dialect;
  }

  id(name: string): string {
    return this.name === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
  }

  column(alias: string, column: string): string {
    return `${this.id(alias)}.${this.id(column)}`;
  }

  lower(expr: string): string {
    switch (this.name) {
      case 'sqlite':
        return `${SQLITE_LOWER}(${expr})`;
      case 'postgres':
        return this.options.postgresLowerCollation
          ? `lower(${expr} COLLATE ${this.id(this.options.postgresLowerCollation)})`
          : `lower(${expr})`;
      case 'mysql': {
        // LOWER under the newest Unicode collation, plus JavaScript's special casings that MySQL's
        // simple case mapping lacks: 'İ' lowers to 'i̇', and final sigma is folded to 'σ' on both
        // sides (see lowerValue), since SQL cannot see word ends.
        const collation = this.options.mysqlLowerCollation;
        const source = `REPLACE(${expr}, 'İ', 'i̇')`;
        const lowered = collation ? `LOWER(CONVERT(${source} USING utf8mb4) COLLATE ${collation})` : `LOWER(${source})`;
        return `REPLACE(${lowered}, 'ς', 'σ')`;
      }
    }
  }

  /** A value lowercased to compare with `lower(column)`. */
  lowerValue(value: string): string {
    const lowered = value.toLowerCase();
    return this.name === 'mysql' ? lowered.replace(/ς/g, 'σ') : lowered;
  }

  /** A text expression in the form that compares exactly (byte for byte) with `exact(?)`. */
  exact(expr: string): string {
    return this.name === 'mysql' ? `CAST(${expr} AS BINARY)` : expr;
  }

  /** Number of characters of a text expression. */
  length(expr: string): string {
    return this.name === 'mysql' ? `CHAR_LENGTH(${expr})` : `length(${expr})`;
  }

  contains(haystack: string, needle: string): string {
    switch (this.name) {
      case 'sqlite':
        return `instr(${haystack}, ${needle}) > 0`;
      case 'postgres':
        return `strpos(${haystack}, ${needle}) > 0`;
      case 'mysql':
        return `LOCATE(${this.exact(needle)}, ${this.exact(haystack)}) > 0`;
    }
  }

  /** The first `count` characters (`count` is a placeholder or literal). */
  left(expr: string, count: string): string {
    return this.name === 'sqlite' ? `substr(${expr}, 1, ${count})` : `LEFT(${expr}, ${count})`;
  }

  right(expr: string, count: string): string {
    return this.name === 'sqlite' ? `substr(${expr}, -(${count}))` : `RIGHT(${expr}, ${count})`;
  }

  /**
   * A placeholder for `value`, a number bound as its exact decimal string (see `decimalString`):
   * every database turns it into an exact number, so a biginteger beyond 2^53 or a decimal with
   * many digits is never rounded through a float. MySQL/MariaDB compare a string with an integer
   * column as doubles, hence the DECIMAL cast; a value DECIMAL(65,30) cannot hold (no integer or
   * decimal column can hold it either) is compared as a DOUBLE there.
   */
  number(value: string): string {
    switch (this.name) {
      case 'sqlite':
        return 'CAST(? AS NUMERIC)';
      case 'postgres':
        return 'CAST(? AS numeric)';
      case 'mysql':
        return fitsMysqlDecimal(value) ? 'CAST(? AS DECIMAL(65,30))' : 'CAST(? AS DOUBLE)';
    }
  }

  /**
   * The non-NULL keys of `SELECT key <body> GROUP BY key HAVING <having>` (`body` is its FROM and
   * WHERE): the set "engaged with all of" reads as `id IN (…)`, NULL left out after grouping so that
   * `NOT IN` stays two-valued. On MySQL/MariaDB the grouping is a derived table (aliased `alias`)
   * filtered outside, which MariaDB may evaluate for the contacts the rest of the query leaves only
   * (its "split materialized" plan): `p5` at 100,000 contacts took 97-276 ms against 760 ms with the
   * test in HAVING, which keeps that plan out. Not for the other grouped sets (thresholds, the latest
   * activity): `stale90` and `active3` took the same either way, and a random tree with a threshold
   * on activities ran past 15 s in the derived form (tests/engine.property.test.ts, forced per contact).
   */
  groupedKeys(key: string, body: string, having: string, alias: string): string {
    if (this.name === 'mysql') {
      const k = this.column(alias, 'k');
      return `SELECT ${k} FROM (SELECT ${key} AS ${this.id('k')} ${body} GROUP BY ${key} HAVING ${having}) ${this.id(alias)} WHERE ${k} IS NOT NULL`;
    }
    return `SELECT ${key} ${body} GROUP BY ${key} HAVING ${key} IS NOT NULL AND ${having}`;
  }

  /**
   * `expr IN <list>` with the whole list bound as ONE parameter (a PostgreSQL array, a JSON array
   * elsewhere; MySQL/MariaDB: numbers only, see below), so a query's parameter count does not grow
   * with the values it lists and stays far under every database's limit (SQLite 32,766;
   * PostgreSQL and MySQL 65,535). `text` values are
   * compared exactly (byte for byte, like `exact`); callers lowercase both sides first where the
   * comparison is case-insensitive. `number` values are exact decimal strings.
   */
  list(expr: string, values: string[], kind: 'text' | 'number'): SqlFragment {
    switch (this.name) {
      case 'sqlite':
        // json_each types JSON numbers as INTEGER (64-bit, exact) or REAL, like a column would.
        return kind === 'text'
          ? frag(`${expr} IN (SELECT value FROM json_each(?))`, [JSON.stringify(values)])
          : frag(`${expr} IN (SELECT value FROM json_each(?))`, [`[${values.map(jsonNumber).join(',')}]`]);
      case 'postgres':
        return frag(`${expr} = ANY(CAST(? AS ${kind === 'text' ? 'text' : 'numeric'}[]))`, [values]);
      case 'mysql': {
        // JSON_TABLE in an IN sub-query is re-read for every row by MariaDB (10.11: 23 s for 1,000
        // values over 100,000 contacts, bench/lists.ts); in a DISTINCT derived table it is
        // materialized once and probed through a key. That key cannot be built over text of any
        // length (LONGTEXT/BLOB), and a capped VARCHAR would cut long values, so text lists stay
        // one placeholder a value here, and count as such against QUERY_LIMITS.parameters.
        if (kind === 'text') {
          return frag(`${this.exact(expr)} IN (${values.map(() => this.exact('?')).join(', ')})`, values);
        }
        const table = (column: string) =>
          `(SELECT DISTINCT segments_json.v FROM JSON_TABLE(?, '$[*]' COLUMNS(v ${column} PATH '$')) AS segments_json) AS segments_list`;
        const exact = values.filter(fitsMysqlDecimal);
        const wide = values.filter((v) => !fitsMysqlDecimal(v));
        const parts = [
          ...(exact.length ? [frag(`${expr} IN (SELECT segments_list.v FROM ${table('DECIMAL(65,30)')})`, [JSON.stringify(exact)])] : []),
          ...(wide.length ? [frag(`${expr} IN (SELECT segments_list.v FROM ${table('DOUBLE')})`, [JSON.stringify(wide)])] : []),
        ];
        return parts.length === 1 ? parts[0] : frag(`(${parts[0].sql} OR ${parts[1].sql})`, [...parts[0].bindings, ...parts[1].bindings]);
      }
    }
  }

  /**
   * Whether a segment's CTE is written `AS MATERIALIZED`: computed once and read by every
   * reference. SQLite otherwise flattens a CTE into each `IN (SELECT ...)` that reads it, which
   * brings back the ×3 a level of a 3-wide chain at execution time; PostgreSQL materializes a CTE
   * read twice anyway, but not one read once that itself reads others. MySQL/MariaDB have no such
   * keyword: MariaDB's segments are staged into temporary tables instead (`idTable`).
   */
  get materializeCte(): boolean {
    return this.name !== 'mysql';
  }

  /**
   * Reading a million member ids as a million result rows costs the driver a million objects; read
   * as comma-joined runs of at most ID_RUN ids (`GROUP BY idRun(id)`), they are a few thousand
   * short strings. 64 ids of at most 10 digits (Strapi's ids are 32-bit) and their commas stay
   * under MySQL's default group_concat_max_len (1,024 bytes), past which GROUP_CONCAT truncates.
   */
  joinedIds(expr: string): string {
    switch (this.name) {
      case 'postgres':
        return `string_agg(CAST(${expr} AS text), ',')`;
      case 'sqlite':
        return `group_concat(${expr}, ',')`;
      case 'mysql':
        return `GROUP_CONCAT(${expr} SEPARATOR ',')`;
    }
  }

  idRun(expr: string): string {
    return this.name === 'mysql' ? `(${expr} DIV ${ID_RUN})` : `(${expr} / ${ID_RUN})`;
  }

  /**
   * A temporary table `name` of the ids `select` (a segment's `SELECT <alias>.id AS id FROM ...`)
   * picks, with a primary key on them: the statements that create and fill it, the select's
   * bindings going with the last. On MySQL/MariaDB a MEMORY table: filling 100,000 ids took 250 ms
   * against 406 ms into InnoDB (which logs undo for it); its size is capped by the session's
   * max_heap_table_size. PostgreSQL reads segments as CTEs and has none.
   */
  idTable(name: string, select: string): string[] {
    const table = this.id(name);
    switch (this.name) {
      case 'sqlite':
        return [`CREATE TEMP TABLE ${table} (${this.id('id')} INTEGER PRIMARY KEY)`, `INSERT INTO ${table} ${select}`];
      case 'mysql':
        return [`CREATE TEMPORARY TABLE ${table} (${this.id('id')} BIGINT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=MEMORY ${select}`];
      case 'postgres':
        throw new Error('PostgreSQL reads saved segments as materialized CTEs, never from temporary tables');
    }
  }

  /** Drops those of the temporary tables `names` (see `idTable`) that exist. */
  dropIdTables(names: string[]): string[] {
    switch (this.name) {
      case 'sqlite':
        return names.map((name) => `DROP TABLE IF EXISTS temp.${this.id(name)}`);
      case 'mysql':
        return names.length > 0 ? [`DROP TEMPORARY TABLE IF EXISTS ${names.map((name) => this.id(name)).join(', ')}`] : [];
      case 'postgres':
        throw new Error('PostgreSQL reads saved segments as materialized CTEs, never from temporary tables');
    }
  }

  /** A placeholder for a calendar day `YYYY-MM-DD`. */
  day(): string {
    return this.name === 'postgres' ? 'CAST(? AS date)' : '?';
  }

  boolean(value: boolean): unknown {
    return this.name === 'postgres' ? value : value ? 1 : 0;
  }

  /** A datetime bound the way Strapi writes it (knex turns a Date into each driver's format). */
  instant(value: Date): unknown {
    return value;
  }
}

/** Whether MySQL/MariaDB's widest DECIMAL(65,30) holds a decimal string exactly. */
function fitsMysqlDecimal(value: string): boolean {
  const [whole, fraction = ''] = value.replace(/^-/, '').split('.');
  return whole.length <= 35 && fraction.replace(/0+$/, '').length <= 30;
}

/** JSON allows no leading zeros ("007"): the canonical spelling of a decimal string. */
function jsonNumber(value: string): string {
  const negative = value.startsWith('-');
  const [whole, fraction] = (negative ? value.slice(1) : value).split('.');
  const digits = whole.replace(/^0+(?=\d)/, '');
  return `${negative ? '-' : ''}${digits}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A number value (a JSON number or a validated decimal string) as an exact decimal string. A
 * decimal string is kept digit for digit (it may exceed a double's precision); a JSON number is
 * already a double, spelled out without exponent notation.
 */
export function decimalString(value: unknown): string {
  if (typeof value === 'string') return jsonNumber(value.trim());
  const n = value as number;
  if (Number.isInteger(n)) return BigInt(n).toString();
  const text = String(n);
  const exponent = text.match(/^(-?)(\d)(?:\.(\d+))?e-(\d+)$/);
  if (!exponent) return text;
  const [, sign, lead, rest = '', places] = exponent;
  return `${sign}0.${'0'.repeat(Number(places) - 1)}${lead}${rest}`;
}
