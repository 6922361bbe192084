// better-sqlite3 ships no types; the engine's unit test uses this much of it.
declare module 'better-sqlite3' {
  interface Statement {
    all(...params: unknown[]): unknown[];
  }
  interface Options {
    deterministic?: boolean;
  }
  class Database {
    constructor(filename: string);
    exec(sql: string): this;
    prepare(sql: string): Statement;
    function(name: string, options: Options, fn: (...args: any[]) => unknown): this;
  }
  export default Database;
}
