// A WhatsApp link alert goes through the outbox to the agent-alerts queue, and
// the alerts worker renders it in Bahasa Indonesia for the agents group.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentAlertsWorker } from "../../bot/agent-alerts.worker.ts";
import { createWhatsappAlerter } from "../../bot/whatsapp/whatsapp.alerts.ts";
import { whatsappStateAlertText } from "../../core/content/index.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import type { AgentNotifier } from "../../core/ports/agent-notifier.port.ts";
import { testQueues } from "../support/app.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("wa-alerts");
const logger = createLogger({ level: "silent" }, { write: () => {} });
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

describe("WhatsApp link alerts", () => {
  it("reach the agents group (and the supervisor when the number is lost)", async () => {
    const notified: { text: string; supervisor: boolean }[] = [];
    const notifier: AgentNotifier = {
      notify: async (message) => {
        notified.push(message);
      },
    };
    const worker = agentAlertsWorker({ prisma: db.prisma, notifier })({
      connection: redis,
      prefix,
      logger,
    });
    try {
      const alert = createWhatsappAlerter({ prisma: db.prisma, queueFor: queues.queueFor, logger });
      const at = new Date("2026-12-02T02:00:00Z");
      await alert({ state: "logged-out", at });
      await alert({ state: "reconnecting", failures: 5, at });
      await expect.poll(() => notified.length, { timeout: 15_000 }).toBe(2);
      const loggedOut = notified.find((n) => n.text.includes("logged out"));
      expect(loggedOut?.text).toContain(
        "Sesi WhatsApp terputus (logged out) — admin perlu menautkan ulang nomor",
      );
      expect(loggedOut?.text).toContain("09:00 WIB");
      expect(loggedOut?.supervisor).toBe(true);
      const down = notified.find((n) => n.text.includes("5 kali gagal"));
      expect(down?.supervisor).toBe(false);
      // Job data: the state and a time, nothing personal.
      const jobs = await queues.queueFor(QUEUE.agentAlerts).getJobs(["completed"]);
      expect(jobs.map((j) => j.data)).toContainEqual({
        type: "whatsapp-state",
        state: "logged-out",
        at: at.toISOString(),
      });
    } finally {
      await worker.close();
    }
  });

  it("says what happened for each state", () => {
    const at = new Date("2026-12-02T02:00:00Z");
    expect(whatsappStateAlertText({ state: "replaced", at })).toContain(
      "diambil alih oleh koneksi lain",
    );
    expect(whatsappStateAlertText({ state: "reconnecting", failures: 7, at })).toContain(
      "7 kali gagal berturut-turut",
    );
    expect(whatsappStateAlertText({ state: "banned", at })).toContain("403");
    expect(whatsappStateAlertText({ state: "bad-session", failures: 4, at })).toContain(
      "4 kali dicoba",
    );
  });
});
