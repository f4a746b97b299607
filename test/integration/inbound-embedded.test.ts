// The inbound pipeline on the embedded database (PGlite, `npm start` without
// DATABASE_URL): its hand-written SQL (contact and conversation read in one
// statement) must run there as on PostgreSQL.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { loadConversation } from "../../core/infra/stores/conversation.store.ts";
import { textMessage } from "../faults/fault-kit.ts";
import { testCipher, testInbound, testRedisQueues } from "../support/app.ts";
import { uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("embedded-inbound");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let dir: string;
let db: Database;
let queues: ReturnType<typeof testRedisQueues>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-embedded-inbound-"));
  db = await openDatabase({ kind: "embedded", dir });
  await db.migrate();
  queues = testRedisQueues(prefix);
}, 60_000);

afterAll(async () => {
  await queues.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the inbound pipeline on the embedded database", () => {
  it("creates the contact, then finds it and its conversation again", async () => {
    const inbound = testInbound({ db, queueFor: queues.queueFor, logger });
    const first = await inbound.handle(textMessage("warga-embedded", "menu"));
    expect(first.type).toBe("handled");
    const second = await inbound.handle(textMessage("warga-embedded", "bantuan"));
    expect(second.type).toBe("handled");
    if (first.type !== "handled" || second.type !== "handled") return;
    expect(second.contactId).toBe(first.contactId);
    expect(await db.prisma.contact.count()).toBe(1);
    const stored = await loadConversation(db.prisma, testCipher, first.contactId);
    // Two saves: created at version 0, updated once.
    expect(stored.version).toBe(1);
    expect(stored.unreadable).toBe(false);
  }, 60_000);
});
