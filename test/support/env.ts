// Where the tests find the real PostgreSQL and Redis of this machine.
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/lpse_helpdesk_test";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Integration tests wipe what they touch, so they must never run on a real database. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.replace(/^\//, "");
  if (!name.toLowerCase().includes("test")) {
    throw new Error(
      `Refusing to run integration tests against database "${name}": its name must contain "test".`,
    );
  }
}

/** The same server, another database: for tests that need an empty one. */
export function withDatabase(url: string, database: string): string {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.href;
}

/**
 * One keyring for every test process: workers of one test file sweep rows that
 * another file wrote (they share the database), as production processes do.
 */
export const TEST_SECRETS = {
  MASTER_KEYS: `t1:${Buffer.alloc(32, 0x5a).toString("base64")}`,
  HASH_KEY: Buffer.alloc(32, 0xa5).toString("base64"),
};
