// Alerts reach the agents' Telegram group through the real grammY client and a
// local Bot API server: SLA reminders to the agents, breaches to the supervisor
// too, complaints for the service analyst.
import { Bot } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentAlertsWorker } from "../../bot/agent-alerts.worker.ts";
import { createTelegramAgentNotifier } from "../../bot/telegram/agent-notifier.ts";
import { fileComplaint } from "../../core/app/complaints.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { type FakeBotApi, startFakeBotApi } from "../fakes/bot-api-server.ts";
import { newTicket, testQueues } from "../support/app.ts";
import { plus, wibTyped } from "../support/clock.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { jobOutcome } from "../support/jobs.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("alerts");
const logger = createLogger({ level: "silent" }, { write: () => {} });
const AGENTS = "-1001234567890";
const SUPERVISOR = "555000111";
let db: Database;
let redis: Redis;
let queues: ReturnType<typeof testQueues>;
let telegram: FakeBotApi;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
  redis = createRedis(TEST_REDIS_URL, "worker");
  queues = testQueues(redis, prefix);
  telegram = await startFakeBotApi();
});
afterAll(async () => {
  await queues.closeAll();
  await redis.quit();
  await db.close();
  await telegram.close();
  await deleteKeys(prefix);
});

describe("agent alerts", () => {
  it("sends SLA alerts and complaints to the agents group, breaches to the supervisor too", async () => {
    // The time a user asked for a human, carried in the job: not when the alert happens to run.
    const asked = plus({ hours: -3 });
    const { ticketId, number } = await newTicket(db, new Date("2026-12-02T02:00:00Z"));
    await db.prisma.ticket.update({
      where: { id: ticketId },
      data: {
        slaStage: "HELPDESK",
        slaDueAt: new Date("2026-12-02T02:15:00Z"),
        team: "ADMIN",
        priority: "TINGGI",
      },
    });
    const contact = await db.prisma.ticket.findUniqueOrThrow({
      where: { id: ticketId },
      select: { contactId: true },
    });
    const filed = await db.prisma.$transaction((tx) =>
      fileComplaint(
        tx,
        { id: contact.contactId, channel: "WHATSAPP" },
        {
          text: "Petugas <b>tidak</b> membalas.",
          language: "id",
          dueAt: new Date().toISOString(),
          at: new Date(),
        },
      ),
    );
    const complaint = { id: filed.complaintId };

    const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
    const notifier = createTelegramAgentNotifier({
      api: bot.api,
      agentChatId: AGENTS,
      supervisorChatId: SUPERVISOR,
    });
    const worker = agentAlertsWorker({ prisma: db.prisma, notifier })({
      connection: redis,
      prefix,
      logger,
    });
    try {
      const queue = queues.queueFor(QUEUE.agentAlerts);
      const run = async (data: object) => jobOutcome(queue, await queue.add("alert", data));
      expect(await run({ type: "sla", ticketId, kind: "reminder" })).toEqual({ sent: "reminder" });
      expect(await run({ type: "sla", ticketId, kind: "breach" })).toEqual({ sent: "breach" });
      expect(await run({ type: "complaint", complaintId: complaint.id })).toEqual({
        sent: "complaint",
      });
      const handoffAlert = {
        type: "handoff",
        contactId: contact.contactId,
        context: "userRequest:intake:nik",
      };
      expect(await run(handoffAlert)).toEqual({ sent: "handoff" });
      expect(await run({ type: "holidays", years: [2031, 2032] })).toEqual({ sent: "holidays" });
      expect(await run({ ...handoffAlert, at: asked.toISOString() })).toEqual({ sent: "handoff" });
    } finally {
      await worker.close();
    }

    const to = (chat: string) => telegram.sent.filter((m) => m.chatId === chat);
    expect(to(AGENTS)).toHaveLength(6);
    expect(to(SUPERVISOR)).toHaveLength(2);
    const [reminder, breach, complaintAlert, handoff, holidays, askedEarlier] = to(AGENTS);
    expect(holidays?.text).toContain("belum memuat hari libur tahun 2031 dan 2032");
    expect(to(SUPERVISOR)[1]?.text).toBe(holidays?.text);
    expect(askedEarlier?.text).toContain(wibTyped(asked));
    expect(handoff?.text).toContain("meminta bicara dengan petugas (TELEGRAM");
    expect(handoff?.text).toContain("userRequest:intake:nik");
    expect(reminder?.text).toContain(`Pengingat waktu layanan: tiket ${number}`);
    expect(reminder?.text).toContain("02/12/2026 09:15 WIB");
    // Named for agents, not by internal codes.
    expect(reminder?.text).toMatch(
      /Kategori: [A-Z][a-z].* · Prioritas: [A-Z][a-z]+ · Tim: [A-Z][a-z]/u,
    );
    expect(breach?.text).toContain(`Waktu layanan terlampaui: tiket ${number}`);
    expect(to(SUPERVISOR)[0]?.text).toBe(breach?.text);
    // Named by its number, with the analyst's commands to answer it.
    expect(complaintAlert?.text).toContain(
      `Pengaduan layanan baru ${filed.number} untuk Analis Pelayanan`,
    );
    expect(complaintAlert?.text).toContain(`/tanggapi ${filed.number}`);
    // Sent as HTML with the user's markup escaped, not interpreted.
    expect(complaintAlert?.parseMode).toBe("HTML");
    expect(complaintAlert?.text).toContain("Petugas &lt;b&gt;tidak&lt;/b&gt; membalas.");
  });
});
