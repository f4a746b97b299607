// The whole app as citizens meet it (issue 19): real PostgreSQL, Redis,
// workers and senders; Telegram through the real grammY client against the
// local Bot API server, WhatsApp through the fake socket; with or without an
// agents group. The office calendar is written around the real now (closed
// for a week, then a short day), so what the bot promises does not depend on
// when the tests run.
import { randomInt } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { agentAlertsWorker } from "../../bot/agent-alerts.worker.ts";
import { startAgentDesk } from "../../bot/agent-desk/start-desk.ts";
import { startBot } from "../../bot/start-bot.ts";
import { createTelegramAgentNotifier } from "../../bot/telegram/agent-notifier.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
} from "../../bot/telegram/telegram.channel.ts";
import {
  createWhatsappChannel,
  type WhatsappChannel,
} from "../../bot/whatsapp/whatsapp.channel.ts";
import { startWhatsapp, whatsappLockKey } from "../../bot/whatsapp/whatsapp.start.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import type { AgentRole } from "../../core/infra/db.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import { resolveContact } from "../../core/infra/stores/contact.store.ts";
import {
  type FakeBotApi,
  type FakeUser,
  htmlToPlain,
  type SentMessage,
  startFakeBotApi,
} from "../fakes/bot-api-server.ts";
import {
  createFakeWhatsapp,
  type FakeWhatsappSocket,
  textMessage,
} from "../fakes/whatsapp-socket.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { closedForAWeek } from "../support/office-calendar.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const WAIT_MS = 15_000;

export async function startJourneys(name: string, opts: { desk: boolean }) {
  const group = `-100${randomInt(1e9, 2e9)}`;
  const prefix = uniquePrefix(name);
  const { logger } = capturingLogger();
  const lifecycle = createLifecycle(logger, 5000);
  const dir = await mkdtemp(path.join(tmpdir(), `lpse-${name}-`));
  const office = closedForAWeek(new Date());
  const calendarFile = path.join(dir, "calendar.json");
  await writeFile(calendarFile, JSON.stringify(office.calendar));
  const fake: FakeBotApi = await startFakeBotApi();
  const wa = createFakeWhatsapp();
  const config = testAppConfig(prefix, dir, {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    BUSINESS_CALENDAR_FILE: calendarFile,
    ...(opts.desk ? { TELEGRAM_AGENT_CHAT_ID: group } : {}),
  });
  let telegram: TelegramChannel | undefined;
  let whatsapp: WhatsappChannel | undefined;
  const started = await startBot({
    config,
    logger,
    lifecycle,
    allInOne: true,
    http: false,
    channelStates: () => ({}),
    channels: (s, rt) => {
      whatsapp = createWhatsappChannel({
        prisma: rt.db.prisma,
        cipher: s.cipher,
        redis: rt.redis,
        lockKey: whatsappLockKey(config.queuePrefix, name),
        inbound: s.inbound,
        logger,
        sessionId: name,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        chatIntervalMs: 0,
        globalRatePerSecond: 50,
        makeSocket: wa.makeSocket,
        timing: { chatJitterMs: 0, backoffBaseMs: 50, backoffCapMs: 200 },
      });
      telegram = createTelegramChannel({
        token: fake.token,
        apiRoot: fake.apiRoot,
        inbound: s.inbound,
        logger,
        maxDownloadBytes: config.helpdesk.mediaMaxBytes,
        pollTimeoutSeconds: 1,
        retryIntervalMs: 200,
        chatIntervalMs: 0,
        chatIntervals: { [group]: 50 },
      });
      return [telegram.channel, whatsapp.channel];
    },
  });
  const runtime: Runtime = started.runtime;
  const services: Services = started.services;
  if (!telegram || !whatsapp) throw new Error("channels not created");
  const tg = telegram;
  startWhatsapp({ whatsapp, runtime, senders: started.senders, lifecycle });
  const sock: FakeWhatsappSocket = await wa.nextSocket();
  sock.open();
  if (opts.desk) {
    const alerts = agentAlertsWorker({
      prisma: runtime.db.prisma,
      notifier: createTelegramAgentNotifier({ api: tg.bot.api, agentChatId: group }),
    })({ connection: runtime.workerRedis, prefix, logger, metrics: runtime.queueMetrics });
    lifecycle.onClose("agent alerts", () => alerts.close());
    await startAgentDesk({
      config,
      logger,
      lifecycle,
      runtime,
      services,
      telegram: tg,
      chatId: group,
    });
  }
  await tg.start();

  const plain = (m: SentMessage) => htmlToPlain(m.text);
  const sentTo = (user: FakeUser) => fake.sent.filter((m) => m.chatId === String(user.id));
  const inGroup = (threadId?: number) =>
    fake.sent.filter((m) => m.chatId === group && m.threadId === threadId);

  return {
    fake,
    sock,
    runtime,
    services,
    group,
    /** The next opening of the office, as written into the calendar. */
    opensAt: office.opensAt,
    plain,
    sentTo,
    inGroup,
    person: (firstName = "Warga"): FakeUser => ({ id: randomInt(1e9, 2e9), firstName }),
    jid: () => `62812${randomInt(1e7, 9e7)}@s.whatsapp.net`,
    async agent(user: FakeUser, role: AgentRole) {
      await runtime.db.prisma.agent.create({
        data: { telegramUserId: BigInt(user.id), name: user.firstName ?? "Petugas", role },
      });
    },
    /** The user's messages after `from`, once one contains `part`. */
    async tgWait(user: FakeUser, part: string, from = 0): Promise<SentMessage> {
      return fake.waitFor(
        () =>
          sentTo(user)
            .slice(from)
            .find((m) => plain(m).includes(part)),
        WAIT_MS,
        `"${part}" on Telegram`,
      );
    },
    async groupWait(threadId: number | undefined, part: string): Promise<SentMessage> {
      return fake.waitFor(
        () => inGroup(threadId).find((m) => plain(m).includes(part)),
        WAIT_MS,
        `"${part}" in the group`,
      );
    },
    waSay(jid: string, text: string) {
      sock.receive(textMessage({ from: jid, text }));
    },
    async waWait(jid: string, part: string, from = 0): Promise<string> {
      let found: string | undefined;
      await wa.waitFor(
        () => {
          found = sock
            .sentTo(jid)
            .slice(from)
            .map((m) => m.text)
            .find((t) => t.includes(part));
          return found !== undefined;
        },
        WAIT_MS,
        `"${part}" on WhatsApp`,
      );
      return found ?? "";
    },
    waSent: (jid: string) => sock.sentTo(jid).map((m) => m.text),
    /** Polls an async check until it gives a value (not undefined, null or false). */
    async until<T>(check: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const value = await check();
        if (value !== undefined && value !== null && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async contactId(channel: "TELEGRAM" | "WHATSAPP", externalId: string) {
      return (await resolveContact(runtime.db.prisma, services.cipher, channel, { externalId })).id;
    },
    /**
     * Runs the hand-off's delayed check now instead of at the end of its
     * service time: the same job, on the real queue and worker, promoted.
     */
    async promoteHandoffCheck(contactId: string) {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const check = await runtime.db.prisma.outboxEvent.findFirst({
          where: { name: "handoff.check", payload: { path: ["contactId"], equals: contactId } },
          orderBy: { createdAt: "desc" },
        });
        const job = check
          ? await services.queueFor(QUEUE.conversations).getJob(check.id)
          : undefined;
        if (job && (await job.isDelayed())) {
          await job.promote();
          return job;
        }
        if (Date.now() > deadline) throw new Error("no delayed hand-off check to promote");
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await tg.stop();
      await lifecycle.shutdown("test done");
      await fake.close();
      await deleteKeys(prefix);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type Journeys = Awaited<ReturnType<typeof startJourneys>>;
