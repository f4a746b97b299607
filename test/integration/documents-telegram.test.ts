// A generated document reaching a Telegram user: the request form is queued
// in the send-log, the real outbound sender decrypts it and the Telegram
// channel uploads it with sendDocument (multipart) to a fake Bot API.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboundSendWorker } from "../../bot/outbound-send.worker.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
} from "../../bot/telegram/telegram.channel.ts";
import { ensureRequestForm } from "../../core/app/request-form.ts";
import type { QueueName } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { redisAcceptedSends } from "../../core/infra/stores/accepted-sends.store.ts";
import { createTicket } from "../../core/infra/stores/ticket.store.ts";
import { type FakeBotApi, startFakeBotApi } from "../fakes/bot-api-server.ts";
import { contactData, testCipher, testQueues, ticketDraft } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { pdfPlain } from "../support/pdf.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const NIK = "6171054101900003";
const prefix = uniquePrefix("documents-telegram");
const logger = createLogger({ level: "silent" }, { write: () => {} });
let db: Database;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;
let fake: FakeBotApi;
let telegram: TelegramChannel;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
  fake = await startFakeBotApi();
  telegram = createTelegramChannel({
    token: fake.token,
    apiRoot: fake.apiRoot,
    // Only sending is exercised here: nothing polls for updates.
    inbound: {
      handle: () => Promise.reject(new Error("not used")),
      admitMedia: () => Promise.reject(new Error("not used")),
      storeMedia: () => Promise.reject(new Error("not used")),
    },
    logger,
    maxDownloadBytes: 1_000_000,
    chatIntervalMs: 0,
  });
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await fake.close();
  await deleteKeys(prefix);
});

describe("documents on Telegram", () => {
  it("the request form reaches the user's chat as a PDF document with its caption", async () => {
    const chatId = String(randomInt(1e9, 2e9));
    const contact = await db.prisma.contact.create({
      data: contactData("TELEGRAM", chatId),
    });
    const at = new Date("2026-12-02T02:00:00Z");
    const { ticketId, number } = await db.prisma.$transaction((tx) =>
      createTicket(
        tx,
        testCipher,
        contact,
        ticketDraft(at, {
          name: "Budi Santoso",
          nik: NIK,
          organisation: "CV Maju Jaya",
          email: "budi@example.com",
        }),
        at,
      ),
    );
    const sender = outboundSendWorker({
      prisma: db.prisma,
      cipher: testCipher,
      channel: telegram.channel,
      accepted: redisAcceptedSends({ redis, prefix }),
    })({ connection: redis, prefix, logger });
    try {
      const outcome = await ensureRequestForm(
        {
          prisma: db.prisma,
          cipher: testCipher,
          queueFor: (name: QueueName) => queues.queueFor(name),
          logger,
          documents: {
            officeName: "LPSE Kabupaten Landak",
            officeAddress: "Ngabang, Kabupaten Landak",
            letterNumberFormat: "{seq}/SKG/LPSE-LDK/{year}",
            signer: { name: "Kepala", position: "Kepala LPSE", nip: "-" },
          },
        },
        ticketId,
      );
      expect(outcome).toBe("created");
      const document = await fake.waitFor(
        () => fake.documents.find((d) => d.chatId === chatId),
        20_000,
        "the document in the user's chat",
      );
      expect(document.fileName).toBe(`Formulir-Permohonan-${number}.pdf`);
      expect(document.caption).toContain(number);
      expect(document.bytes.subarray(0, 5).toString()).toBe("%PDF-");
      const text = await pdfPlain(document.bytes);
      expect(text).toContain(number);
      expect(text).toContain("6171••••••••0003");
      expect(text).not.toContain(NIK);
      expect(fake.sent.filter((m) => m.chatId === chatId)).toHaveLength(0);

      // The send-log row is marked sent with Telegram's message id.
      const deadline = Date.now() + 10_000;
      let row = await db.prisma.outboundMessage.findFirstOrThrow({
        where: { contactId: contact.id },
      });
      while (row.status !== "SENT" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        row = await db.prisma.outboundMessage.findFirstOrThrow({
          where: { contactId: contact.id },
        });
      }
      expect(row.status).toBe("SENT");
      expect(row.providerId).toBe(String(document.messageId));
    } finally {
      await sender.close();
    }
  });
});
