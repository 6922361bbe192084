/**
 * Bulk insertion of generated rows. Going through Strapi's document service would mean one create
 * per row; the seeder writes plain rows with explicit ids instead, one transaction per batch, in
 * multi-row inserts as large as the database's bind-variable limit allows.
 */
import { CRM_TYPES, tableOf, type Strapi, type Tables } from './crm';

/** Writes batches of `Tables` and keeps count of the rows written, by table and in all. */
export class Writer {
  rows = 0;
  private counts = new Map<string, number>();
  private maxBindings = 999;
  private sqlite: boolean;
  private schema: string | undefined;
  private order: string[];

  constructor(private strapi: Strapi) {
    this.sqlite = strapi.db.dialect.client === 'sqlite';
    // PostgreSQL and MySQL: 65535 placeholders per statement
    if (!this.sqlite) this.maxBindings = 65_000;
    this.schema = strapi.db.getSchemaName();
    // entity tables before the link tables that reference them
    this.order = CRM_TYPES.map((t) => tableOf(strapi, t));
  }

  /** SQLite: SQLITE_MAX_VARIABLE_NUMBER of the linked library (999 before 3.32, 32766 since). */
  async init() {
    if (!this.sqlite) return this;
    const knex = this.strapi.db.connection;
    const options = ((await knex.raw('pragma compile_options')) as any[]).map((r) => String(Object.values(r)[0]));
    const explicit = options.find((o) => o.startsWith('MAX_VARIABLE_NUMBER='));
    if (explicit) this.maxBindings = Number(explicit.split('=')[1]);
    else {
      const [{ v }] = (await knex.raw('select sqlite_version() as v')) as any[];
      const [major, minor] = String(v).split('.').map(Number);
      this.maxBindings = major > 3 || (major === 3 && minor >= 32) ? 32766 : 999;
    }
    if (!(this.maxBindings >= 999)) this.maxBindings = 999;
    return this;
  }

  count(table: string) {
    return this.counts.get(table) ?? 0;
  }

  /** Every table written to, link tables included. */
  tables(): string[] {
    return [...this.counts.keys()];
  }

  async write(tables: Tables) {
    const names = [...tables.keys()].sort((a, b) => rank(this.order, a) - rank(this.order, b));
    await this.strapi.db.connection.transaction(async (trx) => {
      for (const table of names) {
        const rows = tables.get(table)!;
        if (rows.length === 0) continue;
        const columns = Object.keys(rows[0]);
        const per = Math.max(1, Math.floor(this.maxBindings / columns.length));
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          if (this.sqlite) {
            // knex compiles SQLite multi-row inserts to `select ... union all select ...`, which is slow
            // to prepare and capped at 500 rows; a VALUES list through the same connection (same
            // binding conversion: Date -> ms, boolean -> 0/1) is several times faster.
            const bindings: unknown[] = [];
            for (const row of chunk) for (const c of columns) bindings.push(row[c] === undefined ? null : row[c]);
            const tuple = `(${columns.map(() => '?').join(',')})`;
            const sql = `insert into \`${table}\` (${columns.map((c) => `\`${c}\``).join(',')}) values ${Array(chunk.length).fill(tuple).join(',')}`;
            await trx.raw(sql, bindings as any[]);
          } else {
            const q = this.schema ? trx(table).withSchema(this.schema) : trx(table);
            await q.insert(chunk);
          }
        }
      }
    });
    for (const [table, rows] of tables) {
      this.counts.set(table, this.count(table) + rows.length);
      this.rows += rows.length;
    }
  }
}

/** Position of a table in the write order; link tables (not listed) go after every entity table. */
function rank(order: string[], table: string) {
  const i = order.indexOf(table);
  return i < 0 ? order.length : i;
}

/** PostgreSQL: move the id sequences past the explicit ids. */
export async function resetSequences(strapi: Strapi) {
  if (strapi.db.dialect.client !== 'postgres') return;
  const schema = strapi.db.getSchemaName() || 'public';
  for (const type of CRM_TYPES) {
    const table = tableOf(strapi, type);
    const qualified = `"${schema}"."${table}"`;
    await strapi.db.connection.raw(
      `select setval(pg_get_serial_sequence(?, 'id'), coalesce((select max(id) from ${qualified}), 1), (select max(id) from ${qualified}) is not null)`,
      [qualified],
    );
  }
}

/**
 * Planner statistics for the tables just filled. Without them PostgreSQL plans a 100k-contact
 * segment as if the tables were empty (measured: 186 ms before, 92 ms after), and SQLite and
 * MariaDB choose their join order blind.
 */
export async function analyzeTables(strapi: Strapi, tables: string[]) {
  if (tables.length === 0) return;
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  const schema = strapi.db.getSchemaName();
  if (client === 'postgres') {
    const qualified = tables.map((t) => (schema ? `"${schema}"."${t}"` : `"${t}"`));
    await knex.raw(`ANALYZE ${qualified.join(', ')}`);
  } else if (client === 'sqlite') {
    for (const table of tables) await knex.raw(`ANALYZE "${table}"`);
  } else {
    await knex.raw(`ANALYZE TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
  }
}
