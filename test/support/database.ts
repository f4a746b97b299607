// A database of a test file's own, next to the run's shared one: for tests
// whose rows other files' relays and sweeps must not touch (faults left
// pending on purpose), or that need a quiet month or year to count in.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase } from "../../core/infra/db.ts";
import { TEST_DATABASE_URL, withDatabase } from "./env.ts";

/** A fresh, migrated database next to the run's one; `drop()` in afterAll. */
export async function isolatedDatabase(
  label: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(TEST_DATABASE_URL).pathname.slice(1);
  const name = `${base}_${label}_${randomUUID().slice(0, 8)}`;
  const admin = () =>
    new pg.Client({ connectionString: withDatabase(TEST_DATABASE_URL, "postgres") });
  const create = admin();
  await create.connect();
  await create.query(`CREATE DATABASE "${name}"`);
  await create.end();
  const url = withDatabase(TEST_DATABASE_URL, name);
  const db = await openDatabase({ kind: "postgres", url });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
  return {
    url,
    async drop() {
      const client = admin();
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
