// Creates the test database afresh and migrates it once per `npm test` run,
// and checks that Redis answers, with a clear message when either is missing.
import pg from "pg";
import { openDatabase } from "../core/infra/db.ts";
import { redisAnswers } from "../core/infra/redis.ts";
import {
  assertTestDatabase,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  withDatabase,
} from "./support/env.ts";

export default async function setup(): Promise<void> {
  assertTestDatabase(TEST_DATABASE_URL);
  const name = new URL(TEST_DATABASE_URL).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(TEST_DATABASE_URL, "postgres") });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL does not answer at ${new URL(TEST_DATABASE_URL).host}: start it (see README, "Tests") or set TEST_DATABASE_URL.`,
      { cause: err },
    );
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
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
}
