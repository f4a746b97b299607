// Creates a database of this run's own and migrates it once per `npm test`,
// checks that Redis answers, and drops the database afterwards. Its name is
// the configured one plus this process id, so two runs on one machine (a
// developer's and CI's) never drop each other's database mid-test.
import pg from "pg";
import { openDatabase } from "../core/infra/db.ts";
import { redisAnswers } from "../core/infra/redis.ts";
import {
  assertTestDatabase,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  withDatabase,
} from "./support/env.ts";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  assertTestDatabase(TEST_DATABASE_URL);
  const base = new URL(TEST_DATABASE_URL).pathname.slice(1);
  const name = `${base}_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(TEST_DATABASE_URL, "postgres") });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL does not answer at ${new URL(TEST_DATABASE_URL).host}: start it (see README, "Tests") or set TEST_DATABASE_URL.`,
      { cause: err },
    );
  }
  // Databases left by runs that were killed before their teardown.
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE $1",
    [`${base}\\_%`],
  );
  for (const { datname } of rows) {
    const pid = Number(datname.slice(base.length + 1));
    if (Number.isInteger(pid) && !alive(pid))
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();

  const url = withDatabase(TEST_DATABASE_URL, name);
  const db = await openDatabase({ kind: "postgres", url });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
  if (!(await redisAnswers(TEST_REDIS_URL))) {
    throw new Error(
      `Redis does not answer at ${TEST_REDIS_URL}: start it (see README, "Tests") or set TEST_REDIS_URL.`,
    );
  }
  // Test files run in child processes that inherit this environment.
  process.env.TEST_DATABASE_URL = url;

  return async () => {
    const client = new pg.Client({ connectionString: withDatabase(TEST_DATABASE_URL, "postgres") });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
}
