// The whole app (real PostgreSQL, Redis, workers in-process) with the Telegram
// channel and the agent desk against a local fake Bot API, the agents group
// under a message budget: for the group-limit tests and `npm run bench:desk`.
// The window may be shortened from Telegram's minute so a burst runs quickly.
import { startAgentDesk } from "../../bot/agent-desk/start-desk.ts";
import type { TelegramChannel } from "../../bot/telegram/telegram.channel.ts";
import type { Config } from "../../core/config.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import type { Services } from "../../core/infra/services.ts";
import { resolveContact } from "../../core/infra/stores/contact.store.ts";
import { loadConversation } from "../../core/infra/stores/conversation.store.ts";
import { type FakeBotApi, type FakeUser, htmlToPlain } from "../fakes/bot-api-server.ts";
import { fileTicketFor } from "./app.ts";
import { startAppWithTelegram } from "./telegram-app.ts";

export interface DeskApp {
  runtime: Runtime;
  services: Services;
  telegram: TelegramChannel;
  /**
   * Files a ticket for a Telegram user and routes it (routing queues its
   * topic in the bulk lane), unless `route` is false.
   */
  fileTicket(
    user: FakeUser,
    opts?: { route?: boolean },
  ): Promise<{ ticketId: string; number: string; contactId: string }>;
  /** The ticket's topic at the fake, once it exists and the desk has recorded it. */
  topicOf(number: string): Promise<{ threadId: number }>;
  /** When the fake took the General digest of a ticket (ms since epoch), if it has. */
  digestAt(number: string): number | undefined;
  /** When the fake took a message containing `part` in the topic, if it has. */
  postedAt(threadId: number, part: string): number | undefined;
  /** Waits until the ticket's conversation knows its status (it then relays to the topic). */
  conversationKnows(contactId: string, status: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startDeskApp(opts: {
  /** With TELEGRAM_AGENT_CHAT_ID, TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT of the fake. */
  config: Config;
  logger: Logger;
  fake: FakeBotApi;
  /** The group's window (Telegram: a minute); its budget is TELEGRAM_GROUP_MESSAGES_PER_MINUTE. */
  windowMs: number;
  minGapMs?: number;
}): Promise<DeskApp> {
  const { config, logger, fake } = opts;
  const group = config.telegram.agentChatId;
  if (!group) throw new Error("startDeskApp needs TELEGRAM_AGENT_CHAT_ID");
  const lifecycle = createLifecycle(logger, 5000);
  const budget = {
    perWindow: config.desk.groupMessagesPerMinute,
    windowMs: opts.windowMs,
    ...(opts.minGapMs === undefined ? {} : { minGapMs: opts.minGapMs }),
  };
  const {
    runtime,
    services,
    telegram: channel,
  } = await startAppWithTelegram({
    config,
    logger,
    lifecycle,
    fake,
    channel: { groupBudgets: { [group]: budget } },
  });
  await startAgentDesk({
    config,
    logger,
    lifecycle,
    runtime,
    services,
    telegram: channel,
    chatId: group,
  });
  await channel.start();

  const sendAt = (match: (params: Record<string, unknown>) => boolean) =>
    fake.calls.find(
      (c) =>
        c.method === "sendMessage" &&
        String(c.params.chat_id) === group &&
        !fake.tooManyRequests.includes(c) &&
        match(c.params),
    )?.at;
  const textOf = (params: Record<string, unknown>) => htmlToPlain(String(params.text ?? ""));

  return {
    runtime,
    services,
    telegram: channel,
    async fileTicket(user, fileOpts) {
      const contact = await resolveContact(runtime.db.prisma, services.cipher, "TELEGRAM", {
        externalId: String(user.id),
      });
      const ticket = await fileTicketFor(runtime.db, services.cipher, contact, new Date(), {
        category: "LUPA_PASSWORD",
        description: "Tidak bisa masuk SPSE, lupa password.",
      });
      if (fileOpts?.route !== false) await services.workflow.routeTicket(ticket.ticketId);
      return ticket;
    },
    async topicOf(number) {
      const topic = await fake.waitFor(
        () => fake.topics.find((t) => t.chatId === group && t.name.startsWith(number)),
        60_000,
        `the topic of ${number}`,
      );
      // Agents' messages in it are the desk's once it has recorded the topic.
      const deadline = Date.now() + 60_000;
      while (
        !(await runtime.db.prisma.deskTopic.findFirst({
          where: { chatId: BigInt(group), threadId: topic.threadId },
        }))
      ) {
        if (Date.now() > deadline)
          throw new Error(`the desk never recorded the topic of ${number}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return topic;
    },
    digestAt: (number) =>
      sendAt(
        (p) => p.message_thread_id === undefined && textOf(p).includes(`Tiket baru ${number}`),
      ),
    postedAt: (threadId, part) =>
      sendAt((p) => Number(p.message_thread_id) === threadId && textOf(p).includes(part)),
    async conversationKnows(contactId, status, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { state } = await loadConversation(runtime.db.prisma, services.cipher, contactId);
        if (state?.openTicket?.status === status) return;
        if (Date.now() > deadline) throw new Error(`the conversation never knew ${status}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await channel.stop();
      await lifecycle.shutdown("desk app done");
    },
  };
}

/**
 * Waits for the ticket's request form in its topic: rendered after routing on
 * the documents queue, it reaches the topic a moment after the card.
 */
export function requestFormIn(fake: FakeBotApi, threadId: number, timeoutMs = 30_000) {
  return fake.waitFor(
    () =>
      fake
        .callsOf("sendDocument")
        .find(
          (c) =>
            Number(c.params.message_thread_id) === threadId &&
            c.params.caption === "Formulir permohonan",
        ),
    timeoutMs,
    "the request form in the topic",
  );
}
