import type { Core } from '@strapi/strapi';
import { SQLITE_LOWER } from '../engine/sql';

/**
 * Unicode lowercasing as JavaScript does it; SQLite's own LOWER folds ASCII only. Kept as source
 * text too, for the worker threads that run bounded reads on their own connections (bounded.ts).
 */
export const lowerSource = '(value) => (value == null ? null : String(value).toLowerCase())';

const lower = new Function(`return ${lowerSource}`)() as (value: unknown) => string | null;

function register(db: any) {
  if (db && typeof db.function === 'function') {
    db.function(SQLITE_LOWER, { deterministic: true }, lower);
  }
}

/**
 * Registers the engine's SQL functions on every SQLite connection, present and future: the knex
 * pool may create connections after boot, and a function lives only on the connection it was
 * registered on.
 */
export async function installSqliteFunctions(strapi: Core.Strapi): Promise<void> {
  if (strapi.db.dialect.client !== 'sqlite') return;
  const client = strapi.db.connection.client as any;
  if (!client.__segmentsFunctions) {
    const acquireRawConnection = client.acquireRawConnection.bind(client);
    client.acquireRawConnection = async () => {
      const db = await acquireRawConnection();
      register(db);
      return db;
    };
    client.__segmentsFunctions = true;
  }
  const pool = client.pool;
  for (const resource of [...(pool?.free ?? []), ...(pool?.used ?? [])]) {
    register(resource.resource);
  }
}
