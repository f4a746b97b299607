// Under a burst every connection of the pool can be busy for a while. A
// transaction that then waits for one must get it when it frees up, not fail
// after Prisma's default 2 s (the bench saw inbound messages lost that way).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { TEST_DATABASE_URL } from "../support/env.ts";

let db: Database;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
});
afterAll(async () => {
  await db?.close();
});

describe("interactive transactions on a busy pool", () => {
  it("wait for a free connection longer than Prisma's default 2 s", async () => {
    // The pool has 10 connections: hold them all for 3 s.
    const holders = Array.from({ length: 10 }, () =>
      db.prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT pg_sleep(3)::text AS slept`;
        return "held";
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const waiter = db.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
      return rows[0]?.one;
    });
    await expect(waiter).resolves.toBe(1);
    await expect(Promise.all(holders)).resolves.toEqual(Array(10).fill("held"));
  });
});
