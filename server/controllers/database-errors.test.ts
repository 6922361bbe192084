import net from 'node:net';
import Database from 'better-sqlite3';
import { fromDatabaseError } from './database-errors';

const sqliteError = (sql: string): unknown => {
  const db = new Database(':memory:');
  try {
    db.prepare(sql).all();
  } catch (error) {
    return error;
  }
  throw new Error(`expected "${sql.slice(0, 40)}…" to fail`);
};

describe('fromDatabaseError', () => {
  it('answers 400 for a statement SQLite finds too big, with its words', () => {
    const answer = fromDatabaseError(sqliteError(`SELECT ${Array.from({ length: 40_000 }, () => '?').join(', ')}`));
    expect(answer?.status).toBe(400);
    expect(answer?.message).toMatch(/^the database cannot evaluate this filter in one query \(too many SQL variables\)/);
  });

  it('answers 503 when the server cannot be reached (a replica down) or drops the connection', async () => {
    const refused = await new Promise<unknown>((resolve) => net.connect(1, '127.0.0.1').on('error', resolve));
    expect(fromDatabaseError(refused)?.status).toBe(503);
    expect(fromDatabaseError(refused)?.message).toMatch(/^the database could not answer \(connect ECONNREFUSED 127\.0\.0\.1:1\)/);
    expect(fromDatabaseError(new Error('Connection terminated unexpectedly'))?.status).toBe(503);
    expect(fromDatabaseError(new Error('a bug of ours'))).toBeUndefined();
  });

  it('answers 503 for any other database error', () => {
    const answer = fromDatabaseError(sqliteError('SELECT x FROM nowhere'));
    expect(answer?.status).toBe(503);
    expect(answer?.message).toBe(
      'the database could not answer (no such table: nowhere); try again, and tell your administrator if it goes on',
    );
  });

  it('answers 400 for PostgreSQL program limits and MySQL size errors, 503 for the rest', () => {
    expect(fromDatabaseError({ code: '54001', severity: 'ERROR', message: 'statement is too complex' })?.status).toBe(400);
    expect(fromDatabaseError({ code: '42703', severity: 'ERROR', message: 'column "x" does not exist' })?.status).toBe(503);
    expect(
      fromDatabaseError({ errno: 1104, sqlState: '42000', message: 'The SELECT would examine more than MAX_JOIN_SIZE rows' })?.status,
    ).toBe(400);
    expect(fromDatabaseError({ errno: 1054, sqlState: '42S22', message: "Unknown column 'x'" })?.status).toBe(503);
  });

  it("leaves errors that are not a database driver's alone", () => {
    expect(fromDatabaseError(new Error('a bug'))).toBeUndefined();
    expect(fromDatabaseError(Object.assign(new Error('a bug'), { code: 'ENOENT' }))).toBeUndefined();
    expect(fromDatabaseError(undefined)).toBeUndefined();
  });
});
