// The daily retention job on the real database and Redis: documents of tickets
// closed long ago lose their bytes, personal fields are blanked later still,
// orphaned draft files go, and statistics stay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maintenanceWorker } from "../../core/app/jobs/maintenance.worker.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { storeMedia } from "../../core/infra/stores/media.store.ts";
import { openTicketApplicant } from "../../core/infra/stores/ticket-applicant.ts";
import { jpegFile } from "../fixtures/files.ts";
import { newTicket, testCipher, testQueues } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("retention");
const logger = createLogger({ level: "silent" }, { write: () => {} });
const DAY = 24 * 3600_000;
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
  await db.close();
  await deleteKeys(prefix);
});

/** A ticket with a KTP photo, closed `daysAgo` days ago. */
async function closedTicket(daysAgo: number) {
  const at = new Date(Date.now() - (daysAgo + 1) * DAY);
  const { ticketId, contactId } = await newTicket(db, at);
  const stored = await storeMedia(db.prisma, testCipher, {
    contactId,
    bytes: jpegFile(5000),
    maxBytes: 1e6,
  });
  if (!stored.ok) throw new Error("could not store");
  await db.prisma.attachment.update({
    where: { id: stored.mediaId },
    data: {
      ticketId,
      kind: "KTP",
      captionEnc: testCipher.seal("KTP saya", bound("attachments.caption_enc", stored.mediaId)),
    },
  });
  await db.prisma.ticket.update({
    where: { id: ticketId },
    data: { status: "DITUTUP", closedAt: new Date(Date.now() - daysAgo * DAY) },
  });
  return { ticketId, contactId, attachmentId: stored.mediaId, size: stored.size };
}

describe("retention", () => {
  it("purges documents after 90 days and personal fields after 365, keeping statistics", async () => {
    const old = await closedTicket(400);
    const middle = await closedTicket(100);
    const recent = await closedTicket(10);
    const orphan = await storeMedia(db.prisma, testCipher, {
      contactId: recent.contactId,
      bytes: jpegFile(3000),
      maxBytes: 1e6,
    });
    if (!orphan.ok) throw new Error("could not store");
    await db.prisma.attachment.update({
      where: { id: orphan.mediaId },
      data: { createdAt: new Date(Date.now() - 3 * DAY) },
    });

    const worker = maintenanceWorker({ prisma: db.prisma, cipher: testCipher, logger })({
      connection: redis,
      prefix,
      logger,
    });
    try {
      const job = await queues.queueFor(QUEUE.maintenance).add("retention", {
        type: "retention",
        attachmentDays: 90,
        personalDataDays: 365,
        orphanHours: 48,
      });
      const report = await jobOutcome(queues.queueFor(QUEUE.maintenance), job);
      expect(report.attachmentsPurged).toBeGreaterThanOrEqual(2);
      expect(report.ticketsAnonymised).toBeGreaterThanOrEqual(1);
      expect(report.orphanFilesDeleted).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.close();
    }

    const attachment = (id: string) => db.prisma.attachment.findUnique({ where: { id } });
    for (const purged of [old, middle]) {
      const row = await attachment(purged.attachmentId);
      expect(row?.data).toBeNull();
      // What the user wrote on the file goes with it.
      expect(row?.captionEnc).toBeNull();
      expect(row?.purgedAt).toBeInstanceOf(Date);
      expect(row).toMatchObject({ kind: "KTP", mime: "image/jpeg", size: purged.size });
    }
    expect((await attachment(recent.attachmentId))?.data).not.toBeNull();
    expect((await attachment(recent.attachmentId))?.captionEnc).not.toBeNull();
    expect(await attachment(orphan.mediaId)).toBeNull();

    const anonymised = await db.prisma.ticket.findUniqueOrThrow({ where: { id: old.ticketId } });
    expect(anonymised).toMatchObject({
      applicantNameEnc: null,
      nikEnc: null,
      nikHash: null,
      phoneEnc: null,
      emailEnc: null,
      descriptionEnc: null,
      // What the monthly report needs stays.
      category: "DATA_PENYEDIA",
      status: "DITUTUP",
      channel: "TELEGRAM",
    });
    expect(anonymised.anonymisedAt).toBeInstanceOf(Date);
    const kept = await db.prisma.ticket.findUniqueOrThrow({ where: { id: middle.ticketId } });
    expect(openTicketApplicant(testCipher, kept).name).toBe("Siti Aminah");
    expect(kept.nikEnc).not.toBeNull();
  });
});
