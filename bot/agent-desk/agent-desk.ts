// The agent desk: helpdesk staff work escalated chats and tickets from a
// Telegram supergroup with topics. This module wires the desk: it builds the
// one DeskContext, routes the desk's jobs (ticket opened or changed, user
// messages to relay, handoffs, deletion requests) and what agents write or
// press in the group to the feature modules (their handler tables are in
// commands/index.ts, the shared context's shape in desk.context.ts).
import type { Context } from "grammy";
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { manageAgents } from "./commands/agents.ts";
import { deletionRequested } from "./commands/deletion.ts";
import { BUTTONS, GENERAL_COMMANDS, TOPIC_COMMANDS } from "./commands/index.ts";
import { topicInput } from "./commands/topic-input.ts";
import { parseButtonData, parseDeskInput } from "./desk.commands.ts";
import { letterIssued } from "./desk.console-letters.ts";
import { type ConsolePostJob, consolePosted } from "./desk.console-posts.ts";
import type { AgentDeskDeps, ButtonHandlers, DeskContext, GeneralInput } from "./desk.context.ts";
import { createDeskGuided } from "./desk.guided.ts";
import { handoff } from "./desk.handoff.ts";
import { createHandoffLeft } from "./desk.handoff-left.ts";
import { createKtpViews } from "./desk.ktp.ts";
import { agentLabel, agentOf } from "./desk.lookups.ts";
import { createDeskNotes } from "./desk.notes.ts";
import { relay } from "./desk.relay.ts";
import { runCommand } from "./desk.run-command.ts";
import {
  ticketChanged,
  ticketClaimed,
  ticketDocument,
  ticketOpened,
} from "./desk.ticket-events.ts";
import { withTopicLock } from "./desk.topic-lock.ts";
import { createDeskTopics } from "./desk.topics.ts";
import { relayFileToUser, replyToUser } from "./desk.user-reply.ts";
import { createDeskPromptStore } from "./desk-prompt.store.ts";

export function createAgentDesk(deps: AgentDeskDeps) {
  const { prisma, cipher, api, chatId } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ component: "agent-desk" });
  const topics = withTopicLock(createDeskTopics(deps));
  const notes = createDeskNotes({ prisma, cipher, topics });
  const guided = createDeskGuided({
    prisma,
    api,
    chatId,
    topics,
    prompts: createDeskPromptStore({ redis: deps.redis, prefix: deps.keyPrefix }),
    run: (agent, ticketId, command, reply) => runCommand(ctx, agent, ticketId, command, reply),
    agentLabel: (agent) => agentLabel(agent),
    showHistory: notes.showHistory,
  });
  const showKtp = createKtpViews({ ...deps, topics, viewMinutes: deps.ktpViewMinutes, now });
  const ctx: DeskContext = {
    deps,
    prisma,
    cipher,
    api,
    chatId,
    now,
    log,
    topics,
    notes,
    guided,
    showKtp,
  };
  const e = escapeHtml;

  /** Commands that work anywhere in the group. */
  async function generalCommand(input: GeneralInput): Promise<void> {
    const command = GENERAL_COMMANDS.get(input.name);
    if (command) {
      await command(ctx, input);
      return;
    }
    // Own keys only: "/constructor" must not find Object.prototype's.
    const extras = deps.extraCommands ?? {};
    const extra = Object.hasOwn(extras, input.name) ? extras[input.name] : undefined;
    if (extra) {
      await extra({ agent: input.agent, args: input.args, topic: input.topic, reply: input.reply });
      return;
    }
    await input.reply(e(DESK_TEXT.unknownCommand(input.name)));
  }

  async function onMessage(update: Context, updateClaim: string) {
    const message = update.message;
    const from = update.from;
    if (!message || !from || from.is_bot) return;
    const text = message.text ?? message.caption ?? "";
    const largestPhoto = message.photo?.[message.photo.length - 1];
    const file = message.document
      ? { fileId: message.document.file_id, fileName: message.document.file_name ?? "dokumen" }
      : largestPhoto
        ? { fileId: largestPhoto.file_id, fileName: "gambar.jpg" }
        : null;
    const threadId = message.is_topic_message ? message.message_thread_id : undefined;
    const topic = threadId === undefined ? null : await topics.topicByThread(threadId);
    const input = parseDeskInput(text);
    // Chatter in General among staff is not for the bot.
    if (!topic && input.type !== "command") return;
    const agent = await agentOf(prisma, from.id);
    const replyHere = (html: string, extra: Record<string, unknown> = {}) =>
      topic ? topics.say(topic, html, extra) : topics.sayGeneral(html, extra);
    if (!agent) {
      if (input.type === "command" && input.name === "agen") {
        await manageAgents(ctx, null, input.args, replyHere, from.id);
        return;
      }
      if (await (deps.strangerNotice?.take(from.id) ?? true)) {
        await replyHere(e(DESK_TEXT.notRegistered));
      }
      return;
    }
    // Words answering one of the bot's questions (not a command, note or file) are that step's.
    const answers = topic && input.type === "reply" && !file;
    if (answers && (await guided.onReply(agent, message.reply_to_message, text, replyHere))) return;
    switch (input.type) {
      case "note":
        if (topic) await notes.add(agent, topic, input.text, updateClaim);
        return;
      case "command": {
        const { name, args } = input;
        const command = topic ? TOPIC_COMMANDS.get(name) : undefined;
        if (topic && command) await command(ctx, topicInput(ctx, agent, topic, args));
        else await generalCommand({ agent, name, args, topic, reply: replyHere });
        return;
      }
      case "reply":
        if (!topic) return;
        if (file) await relayFileToUser(ctx, agent, topic, file, input.text, updateClaim);
        else if (input.text) {
          await replyToUser(ctx, agent, topic, input.text, "reply.send", updateClaim);
        }
        return;
    }
  }

  async function onCallback(update: Context, updateClaim: string) {
    const query = update.callbackQuery;
    if (!query?.data) return;
    const button = parseButtonData(query.data);
    const answer = (text?: string) =>
      update.api.answerCallbackQuery(query.id, text ? { text } : {}).catch(() => undefined);
    if (!button && !query.data.startsWith("g:")) {
      await answer();
      return;
    }
    const agent = await agentOf(prisma, query.from.id);
    if (!agent) {
      await answer(DESK_TEXT.notRegistered.slice(0, 190));
      return;
    }
    // A guided step answers itself: a stale button is told in a toast, not in the topic.
    if (button) await answer();
    const threadId = query.message?.message_thread_id;
    const topic = threadId === undefined ? null : await topics.topicByThread(threadId);
    const reply = (html: string) => (topic ? topics.say(topic, html) : topics.sayGeneral(html));
    if (!button) {
      const { data } = query;
      const messageId = query.message?.message_id;
      return guided.onCallback({ agent, fromId: query.from.id, data, messageId, reply, answer });
    }
    // One handler per action (ButtonHandlers); TypeScript cannot pair the two unions itself.
    const handle = BUTTONS[button.action] as ButtonHandlers["claim"];
    await handle(ctx, {
      agent,
      button: button as Parameters<typeof handle>[1]["button"],
      reply,
      updateClaim,
    });
  }

  return {
    /** For the Telegram channel: true when the update belongs to the agents group. */
    async handleUpdate(update: Context): Promise<boolean> {
      if (String(update.chat?.id) !== chatId) return false;
      // Telegram may give an update twice (a replay from the polling inbox
      // after a crash, a webhook redelivery): one that was handled is skipped.
      const claim = `desk:${update.me.id}:${update.update.update_id}`;
      if (
        await prisma.processedMessage.findUnique({
          where: { channel_messageId: { channel: "TELEGRAM", messageId: claim } },
        })
      ) {
        log.info(
          { updateId: update.update.update_id },
          "Agent desk update already handled; skipped",
        );
        return true;
      }
      try {
        if (update.callbackQuery) await onCallback(update, claim);
        else if (update.message) await onMessage(update, claim);
        await prisma.processedMessage.createMany({
          data: [{ channel: "TELEGRAM", messageId: claim }],
          skipDuplicates: true,
        });
      } catch (err) {
        log.error({ err }, "Agent desk update failed");
        const threadId =
          update.message?.message_thread_id ?? update.callbackQuery?.message?.message_thread_id;
        await api
          .sendMessage(
            chatId,
            "⚠️ Perintah gagal diproses karena gangguan sistem. Silakan ulangi sebentar lagi.",
            {
              ...(threadId === undefined ? {} : { message_thread_id: threadId }),
            },
          )
          .catch(() => undefined);
      }
      return true;
    },
    ticketOpened: (ticketId: string) => ticketOpened(ctx, ticketId),
    ticketDocument: (ticketId: string, attachmentId: string) =>
      ticketDocument(ctx, ticketId, attachmentId),
    ticketChanged: (ticketId: string, eventId: string) => ticketChanged(ctx, ticketId, eventId),
    ticketClaimed: (ticketId: string, agentId: string) => ticketClaimed(ctx, ticketId, agentId),
    relay: (relayId: string) => relay(ctx, relayId),
    consolePost: (job: ConsolePostJob) => consolePosted(ctx, job),
    letterIssued: (ticketId: string, letterId: string) => letterIssued(ctx, ticketId, letterId),
    handoff: (contactId: string, context: string) => handoff(ctx, contactId, context),
    handoffLeft: createHandoffLeft({ prisma, topics, now }),
    deletionRequested: (requestId: string) => deletionRequested(ctx, requestId),
    topics,
  };
}

export type AgentDesk = ReturnType<typeof createAgentDesk>;
