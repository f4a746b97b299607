// Numbers that count per year roll over on the WIB calendar: a ticket filed
// and a letter issued in the last minute of the WIB year carry that year, the
// next minute starts the next year's sequence at 1, whatever the date the
// suite runs (the clock is frozen on the end of the current WIB year).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueDisruptionLetter } from "../../core/app/letters.ts";
import type { QueueName } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { newTicket, testCipher, testQueues } from "../support/app.ts";
import { lastMinuteOfWibYear, plus, wibParts } from "../support/clock.ts";
import { isolatedDatabase } from "../support/database.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("rollover");
const logger = createLogger({ level: "silent" }, { write: () => {} });
const LAST_MINUTE = lastMinuteOfWibYear();
const NEXT_MINUTE = plus({ minutes: 1 }, LAST_MINUTE);
const YEAR = wibParts(LAST_MINUTE).year;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: Database;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;

beforeAll(async () => {
  // Sequences start at 1 in a database of the file's own.
  database = await isolatedDatabase("rollover");
  db = await openDatabase({ kind: "postgres", url: database.url });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await database.drop();
  await deleteKeys(prefix);
});

describe("year rollover in WIB", () => {
  it("numbers tickets of 31 December 23:59 WIB in that year and of the next minute in the next", async () => {
    expect((await newTicket(db, LAST_MINUTE)).number).toBe(`LDK-${YEAR}-00001`);
    expect((await newTicket(db, LAST_MINUTE)).number).toBe(`LDK-${YEAR}-00002`);
    // 00:00 WIB on 1 January is still 31 December in UTC.
    expect(NEXT_MINUTE.getUTCFullYear()).toBe(YEAR);
    expect((await newTicket(db, NEXT_MINUTE)).number).toBe(`LDK-${YEAR + 1}-00001`);
  });

  it("numbers disruption letters the same way", async () => {
    const { ticketId } = await newTicket(db, LAST_MINUTE);
    const deps = {
      prisma: db.prisma,
      cipher: testCipher,
      queueFor: (name: QueueName) => queues.queueFor(name),
      logger,
      documents: {
        officeName: "LPSE Kabupaten Landak",
        officeAddress: "Ngabang",
        letterNumberFormat: "{seq}/SKG/LPSE-LDK/{year}",
        signer: { name: "Kepala", position: "Kepala LPSE", nip: "-" },
      },
    };
    const input = {
      ticketId,
      tenderCode: "10012345000",
      disruptionStart: plus({ hours: -3 }, LAST_MINUTE),
      disruptionEnd: plus({ hours: -1 }, LAST_MINUTE),
      affectedParties: "Seluruh peserta tender",
      agentId: null,
    };
    const last = await issueDisruptionLetter({ ...deps, now: () => LAST_MINUTE }, input);
    const next = await issueDisruptionLetter({ ...deps, now: () => NEXT_MINUTE }, input);
    expect(last.ok && last.value.number).toBe(`001/SKG/LPSE-LDK/${YEAR}`);
    expect(next.ok && next.value.number).toBe(`001/SKG/LPSE-LDK/${YEAR + 1}`);
  });
});
