// Complaint numbers and answers on the real PostgreSQL (issue 19, point 3):
// numbers are handed out once each under concurrency, two analysts closing
// at once send the user one answer, and complaints filed before the
// migration are numbered by it per WIB year.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerComplaint, fileComplaint } from "../../core/app/complaints.ts";
import { type Contact, type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { MIGRATIONS_DIR, readMigrationList } from "../../prisma/migrate-engine.ts";
import { contactData, testCipher, testQueues } from "../support/app.ts";
import { wibParts } from "../support/clock.ts";
import {
  assertTestDatabase,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  withDatabase,
} from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const prefix = uniquePrefix("complaints");
let db: Database;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await deleteKeys(prefix);
  await db.close();
});

async function contact() {
  return db.prisma.contact.create({
    data: contactData("TELEGRAM", `user-${randomUUID()}`),
  });
}

// One filing moment for the file: every number of a test falls in one WIB year,
// even when the suite runs across New Year.
const FILED_AT = new Date();
const file = (who: Pick<Contact, "id" | "channel">, text: string) =>
  db.prisma.$transaction((tx) =>
    fileComplaint(tx, who, {
      text,
      language: "id",
      dueAt: FILED_AT.toISOString(),
      at: FILED_AT,
    }),
  );

describe("complaint numbers", () => {
  it("twenty filed at once get twenty different numbers of this WIB year", async () => {
    const who = await contact();
    const filed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => file(who, `Pengaduan nomor ${i} yang cukup panjang.`)),
    );
    const numbers = filed.map((f) => f.number);
    expect(new Set(numbers).size).toBe(20);
    const year = wibParts(FILED_AT).year;
    for (const number of numbers) expect(number).toMatch(new RegExp(`^ADU-${year}-\\d{5}$`, "u"));
    const rows = await db.prisma.complaint.findMany({ where: { contactId: who.id } });
    for (const row of rows) {
      expect(row.number).toBe(`ADU-${row.year}-${String(row.sequence).padStart(5, "0")}`);
    }
    const sequence = await db.prisma.complaintSequence.findUniqueOrThrow({ where: { year } });
    expect(sequence.lastValue).toBeGreaterThanOrEqual(Math.max(...rows.map((r) => r.sequence)));
  });
});

describe("answering a complaint", () => {
  it("two analysts closing at once: one answer recorded, one message to the user", async () => {
    const who = await contact();
    const { number } = await file(who, "Loket tutup sebelum jam layanan selesai.");
    const deps = { prisma: db.prisma, cipher: testCipher, queueFor: queues.queueFor, logger };
    const results = await Promise.all(
      [randomUUID(), randomUUID()].map((agentId, i) =>
        answerComplaint(deps, { number, outcome: `Jawaban analis-${i + 1}`, close: true, agentId }),
      ),
    );
    expect(results.map((r) => r.type).sort()).toEqual(["alreadyClosed", "answered"]);
    expect(await db.prisma.outboundMessage.count({ where: { contactId: who.id } })).toBe(1);
    const row = await db.prisma.complaint.findUniqueOrThrow({ where: { number } });
    expect(row.status).toBe("SELESAI");
    expect(
      testCipher.openText(
        Buffer.from(row.outcomeEnc ?? []),
        bound("complaints.outcome_enc", row.id),
      ),
    ).toMatch(/^Jawaban analis-[12]$/u);
    expect(
      await answerComplaint(deps, {
        number: "ADU-1999-99999",
        outcome: "x",
        close: true,
        agentId: "a",
      }),
    ).toEqual({
      type: "notFound",
    });
  });
});

describe("the migration numbers the complaints filed before it", () => {
  const name = `lpse_complaints_${process.pid}_test`;
  const url = withDatabase(TEST_DATABASE_URL, name);
  const admin = new pg.Client({ connectionString: withDatabase(TEST_DATABASE_URL, "postgres") });

  beforeAll(async () => {
    assertTestDatabase(url);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("per WIB year, in the order they came, and the sequences go on after them", async () => {
    const migrations = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    const mine = migrations.findIndex((m) => m.endsWith("_complaint_numbers"));
    expect(mine).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const run = async (migration: string) =>
      client.query(await readFile(path.join(MIGRATIONS_DIR, migration, "migration.sql"), "utf8"));
    try {
      for (const migration of migrations.slice(0, mine)) await run(migration);
      // Around the start of this WIB year: an hour before is last year's, an hour after this one's.
      const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
      const newYear = Date.UTC(year, 0, 1) - 7 * 3_600_000;
      const contactId = randomUUID();
      await client.query(
        `INSERT INTO contacts (id, channel, external_id_hash, external_id_enc, updated_at)
         VALUES ($1, 'TELEGRAM', 'h', '\\x00', now())`,
        [contactId],
      );
      const filedAt = [
        newYear + 3_600_000,
        newYear - 3_600_000,
        newYear + 7_200_000,
        newYear - 7_200_000,
      ];
      for (const [i, at] of filedAt.entries()) {
        await client.query(
          `INSERT INTO complaints (id, contact_id, channel, text, created_at, updated_at)
           VALUES ($1, $2, 'TELEGRAM', $3, $4, now())`,
          [randomUUID(), contactId, `old ${i}`, new Date(at)],
        );
      }
      await run(migrations[mine] ?? "");
      const numbered = await client.query<{ text: string; number: string }>(
        "SELECT text, number FROM complaints ORDER BY created_at",
      );
      expect(numbered.rows).toEqual([
        { text: "old 3", number: `ADU-${year - 1}-00001` },
        { text: "old 1", number: `ADU-${year - 1}-00002` },
        { text: "old 0", number: `ADU-${year}-00001` },
        { text: "old 2", number: `ADU-${year}-00002` },
      ]);
      const sequences = await client.query(
        "SELECT year, last_value FROM complaint_sequences ORDER BY year",
      );
      expect(sequences.rows).toEqual([
        { year: year - 1, last_value: 2 },
        { year, last_value: 2 },
      ]);
    } finally {
      await client.end();
    }
  });
});
