// Counts the SQL statements this process sends through `pg` (Prisma's
// driver adapter uses it too), so the report can say how many statements an
// inbound message costs. Bench-only instrumentation: it wraps
// pg.Client.prototype.query once and only counts.
import pg from "pg";

let statements = 0;
let installed = false;

export function countStatements(): () => number {
  if (!installed) {
    installed = true;
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query =
      function (this: pg.Client, ...args: unknown[]) {
        statements++;
        return original.apply(this, args);
      };
  }
  return () => statements;
}
