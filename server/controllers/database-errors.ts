import { SegmentsError } from '../errors';

/**
 * What a database driver threw, as an answer a person can act on: a statement the database finds
 * too big or too deep is the filter's doing (400); anything else is the database's (503). Our own
 * limits (QUERY_LIMITS, the planned-segment limit) refuse such trees earlier; this is the net under
 * them, so that no driver error reaches a client as a bare 500.
 */
export function fromDatabaseError(error: unknown): SegmentsError | undefined {
  const e = error as { code?: unknown; errno?: unknown; sqlState?: unknown; severity?: unknown; message?: unknown; name?: unknown };
  if (typeof e !== 'object' || e === null) return undefined;
  const message = String(e.message ?? '');
  const sqlite = typeof e.code === 'string' && e.code.startsWith('SQLITE_');
  const mysql = typeof e.errno === 'number' && typeof e.sqlState === 'string';
  const postgres = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string';
  const pool = e.name === 'KnexTimeoutError';
  // The server cannot be reached or dropped the connection (a replica down, plugin config readConnection).
  const unreachable =
    (typeof e.code === 'string' &&
      /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)$/.test(e.code)) ||
    /^Connection terminated/.test(message);
  if (!sqlite && !mysql && !postgres && !pool && !unreachable) return undefined;
  const tooBig =
    (sqlite &&
      /too many (references|SQL variables|terms)|expression tree is too large|parser stack overflow|too many columns/i.test(message)) ||
    (postgres && String(e.code).startsWith('54')) ||
    // ER_TOO_BIG_SELECT, ER_TOO_MANY_TABLES, ER_STACK_OVERRUN_NEED_MORE
    (mysql && [1104, 1116, 1436].includes(e.errno as number));
  const said = message.replace(/\s+/g, ' ').slice(0, 300);
  return tooBig
    ? new SegmentsError(400, `the database cannot evaluate this filter in one query (${said}); narrow it or build it on fewer segments`, {
        database: said,
      })
    : new SegmentsError(503, `the database could not answer (${said}); try again, and tell your administrator if it goes on`, {
        database: said,
      });
}
