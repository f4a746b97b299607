// The agent desk: helpdesk staff work escalated chats and tickets from a
// Telegram supergroup with topics. This module reacts to the desk's jobs
// (ticket opened or changed, user messages to relay, handoffs, deletion
// requests) and to what agents write or press in the group.
import type { Api, Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import { findSubject } from "../../core/app/privacy-erasure.ts";
import type { TicketWorkflow } from "../../core/app/ticket-workflow.ts";
import type { DeskTemplate } from "../../core/content/desk-templates.content.ts";
import {
  agentSignature,
  DESK_BUTTONS,
  DESK_TEXT,
} from "../../core/content/messages/desk.messages.ts";
import { formatWibDateTime } from "../../core/domain/shared/wib-time.ts";
import type { BusinessCalendar } from "../../core/domain/sla/business-calendar.schema.ts";
import type { Actor } from "../../core/domain/ticket/ticket.actor.ts";
import type { TicketCommand } from "../../core/domain/ticket/ticket.commands.ts";
import { TEAMS, type Team } from "../../core/domain/ticket/ticket.enums.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { Agent, AgentRole, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { auditTrail, recordAudit } from "../../core/infra/stores/audit.store.ts";
import { contactExternalId } from "../../core/infra/stores/contact.store.ts";
import { readMedia, storeMedia } from "../../core/infra/stores/media.store.ts";
import { queueUserMessage } from "../../core/infra/stores/outbound.store.ts";
import { publishOutbox, type QueueFor } from "../../core/infra/stores/outbox.store.ts";
import type { Tx } from "../../core/infra/stores/tx.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { sentFileWord, statusLabel } from "./desk.card.ts";
import { citizenHtml } from "./desk.citizen-text.ts";
import {
  buttonData,
  firstWord,
  parseButtonData,
  parseDeskInput,
  parseTicketNumber,
} from "./desk.commands.ts";
import { createDeskGuided } from "./desk.guided.ts";
import { createHandoffLeft } from "./desk.handoff-left.ts";
import { createKtpViews } from "./desk.ktp.ts";
import { agentRemovedText, removeFromGroup } from "./desk.members.ts";
import { createDeskNotes } from "./desk.notes.ts";
import type { StrangerNotice } from "./desk.stranger-notice.ts";
import { withTopicLock } from "./desk.topic-lock.ts";
import { createDeskTopics } from "./desk.topics.ts";
import { createDeskPromptStore } from "./desk-prompt.store.ts";

export interface AgentDeskDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  api: Api;
  /** The agents supergroup (topics enabled, the bot an admin who may manage topics). */
  chatId: string;
  workflow: TicketWorkflow;
  inbound: Pick<InboundHandler, "deliver">;
  queueFor: QueueFor;
  logger: Logger;
  calendar: BusinessCalendar;
  signature: "office" | "agent";
  /** A KTP view is deleted from the group after this many minutes (DESK_KTP_VIEW_MINUTES). */
  ktpViewMinutes?: number;
  templates: readonly DeskTemplate[];
  /** Telegram user id allowed to register the first supervisor (TELEGRAM_SUPERVISOR_CHAT_ID). */
  bootstrapSupervisorId?: string;
  /** Carries out a supervisor's decision on a "hapus data saya" request. */
  decideDeletion?: (input: {
    requestId: string;
    agentId: string;
    approve: boolean;
  }) => Promise<"done" | "already decided">;
  /** Fetches a file an agent posted in a topic (Telegram getFile + download); null when it cannot. */
  downloadFile?: (fileId: string) => Promise<Uint8Array | null>;
  /** Largest file relayed from an agent to a user. */
  maxFileBytes?: number;
  /** Issues (or drops) a previewed disruption letter: the "lok"/"lno" buttons. */
  decideLetter?: (
    agent: Agent,
    key: string,
    confirm: boolean,
    reply: (html: string) => Promise<unknown>,
  ) => Promise<void>;
  /** Tells a non-agent once an hour that only agents are answered (desk.stranger-notice.ts). */
  strangerNotice?: StrangerNotice;
  /** Optional document features (letters, reports) plugged in by the bot. */
  extraCommands?: Record<string, DeskCommandHandler>;
  /** Where the guided steps keep the bot's open questions (desk-prompt.store.ts). */
  redis: RedisClient;
  keyPrefix: string;
  now?: () => Date;
}

/** A command some other module adds to the desk (e.g. /surat, /laporan). */
export type DeskCommandHandler = (input: {
  agent: Agent;
  args: string;
  topic: DeskTopic | null;
  reply: (html: string, extra?: Record<string, unknown>) => Promise<unknown>;
}) => Promise<void>;

const AGENT_ROLES: readonly AgentRole[] = [
  "HELPDESK",
  "VERIFIKATOR",
  "ADMIN",
  "ANALIS",
  "SUPERVISOR",
];
const FORWARD_TEAMS: readonly Team[] = TEAMS.filter((t) => t !== "HELPDESK" && t !== "LKPP");
const AUDIT_ROLES = new Set<AgentRole>(["SUPERVISOR", "ADMIN", "ANALIS"]);
/** What one batched relay message may hold, under Telegram's 4096. */
const RELAY_BATCH_CHARS = 3500;

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
    run: (agent, ticketId, command, reply) => runCommand(agent, ticketId, command, reply),
    agentLabel: (agent) => agentLabel(agent),
    showHistory: notes.showHistory,
  });
  const showKtp = createKtpViews({ ...deps, topics, viewMinutes: deps.ktpViewMinutes, now });
  const e = escapeHtml;

  async function publish(ids: string[]) {
    await publishOutbox(prisma, deps.queueFor, { ids }).catch((err: unknown) =>
      log.warn({ err }, "Fast publish failed; the outbox relay will retry"),
    );
  }

  const agentLabel = (agent: Pick<Agent, "name" | "role">) =>
    `${agent.name} (${agent.role.toLowerCase()})`;

  // ---------------------------------------------------------------- jobs

  async function ticketOpened(ticketId: string) {
    // Card, files and the digest in General are steps a retry resumes (desk.topics.ts).
    const opened = await topics.ensureTicketTopic(ticketId);
    if (!opened?.created) return { skipped: opened ? "topic exists" : "no ticket" };
    return { opened: opened.topic.threadId };
  }

  async function ticketChanged(ticketId: string, eventId: string) {
    const opened = await topics.ensureTicketTopic(ticketId);
    if (!opened) return { skipped: "no ticket" };
    const ticket = await topics.loadCardTicket(ticketId);
    if (!ticket) return { skipped: "no ticket" };
    let topic = await topics.syncTitle(opened.topic, ticket);
    const event = await prisma.ticketEvent.findUnique({ where: { id: eventId } });
    if (event && !opened.created) {
      let who = event.actorId ?? "sistem";
      if (event.actorType === "AGENT" && event.actorId) {
        const agent = await prisma.agent.findUnique({ where: { id: event.actorId } });
        if (agent) who = `oleh ${agentLabel(agent)}`;
      } else if (event.actorType === "USER") {
        who = "oleh pengguna";
      }
      const from = event.fromStatus ? statusLabel(event.fromStatus) : "-";
      const reason = event.reason ? `\nKeterangan: ${event.reason}` : "";
      // syncTitle may have recreated the topic: post into the current one.
      topic = await prisma.deskTopic.findUniqueOrThrow({ where: { id: topic.id } });
      await topics.say(
        topic,
        e(`${DESK_TEXT.statusChangedBySystem(from, statusLabel(event.toStatus), who)}${reason}`),
      );
    }
    return { changed: ticket.status };
  }

  /** The topic a contact's messages go to: its open chat, else its newest open ticket's. */
  async function topicForContact(contactId: string, ticketId: string | null) {
    if (ticketId) return (await topics.ensureTicketTopic(ticketId))?.topic ?? null;
    const chatTopic = await prisma.deskTopic.findFirst({
      where: { contactId, kind: "CHAT", open: true },
      orderBy: { createdAt: "desc" },
    });
    if (chatTopic) return chatTopic;
    const ticket = await prisma.ticket.findFirst({
      where: { contactId, status: { notIn: ["SELESAI", "DITUTUP", "DITOLAK", "DIBATALKAN"] } },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (ticket) return (await topics.ensureTicketTopic(ticket.id))?.topic ?? null;
    return null;
  }

  /**
   * Posts a user's message in its topic. Texts of the same contact still
   * waiting are sent together, so a burst costs few of the group's ~20
   * messages a minute; a later job for a row already posted does nothing.
   */
  async function relay(relayId: string) {
    const row = await prisma.deskRelay.findUnique({ where: { id: relayId } });
    if (!row) return { skipped: "no relay" };
    if (row.postedAt) return { skipped: "already posted" };
    let topic = await topicForContact(row.contactId, row.ticketId);
    if (!topic) topic = await openChatTopic(row.contactId, "pesan pengguna");
    if (row.attachmentId) {
      const file = await readMedia(prisma, cipher, row.attachmentId);
      if (file) {
        const label = DESK_TEXT.userDocument(sentFileWord(file.mime));
        await topics.sendUserFile(topic, file, "kiriman-pengguna", label, { kind: "RELAY" });
      }
      await prisma.deskRelay.update({ where: { id: row.id }, data: { postedAt: now() } });
      await guided.offerResume(row.ticketId);
      return { posted: 1 };
    }
    const waiting = await prisma.deskRelay.findMany({
      where: {
        contactId: row.contactId,
        ticketId: row.ticketId,
        postedAt: null,
        attachmentId: null,
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 50,
    });
    // Each body is opened once; the row of this job always goes, even alone.
    const open = (r: (typeof waiting)[number]) => ({
      id: r.id,
      text: cipher
        .openText(Buffer.from(r.bodyEnc), bound("desk_relays.body_enc", r.id))
        .slice(0, RELAY_BATCH_CHARS),
    });
    const batch: { id: string; text: string }[] = [];
    let length = 0;
    for (const r of waiting) {
      const relayed = open(r);
      if (batch.length > 0 && length + relayed.text.length > RELAY_BATCH_CHARS) break;
      batch.push(relayed);
      length += relayed.text.length;
    }
    if (!batch.some((r) => r.id === row.id)) batch.unshift(open(row));
    // A citizen's "/agen hapus 1" must not become a command an agent taps.
    const html = [DESK_TEXT.userMessage, ...batch.map((r) => citizenHtml(r.text))].join("\n");
    await topics.posts.record(topic, await topics.say(topic, html), "RELAY");
    await prisma.deskRelay.updateMany({
      where: { id: { in: batch.map((r) => r.id) }, postedAt: null },
      data: { postedAt: now() },
    });
    await guided.offerResume(row.ticketId);
    return { posted: batch.length };
  }

  async function openChatTopic(contactId: string, context: string): Promise<DeskTopic> {
    const contact = await prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
    const title = DESK_TEXT.chatTopicTitle(contactId.slice(-6), contact.channel);
    const threadId = await topics.createTopic(title);
    const topic = await prisma.deskTopic.create({
      data: { kind: "CHAT", chatId: BigInt(chatId), threadId, contactId, title },
    });
    const tickets = await prisma.ticket.findMany({
      where: { contactId },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { number: true, status: true },
    });
    const lines = [
      e(DESK_TEXT.handoffOpened(context)),
      `Saluran: ${e(contact.channel)} · Bahasa: ${contact.language === "EN" ? "Inggris" : "Indonesia"}`,
      `Nama tampilan: ${e(contact.displayName ?? "-")}`,
      `Tiket: ${tickets.length ? tickets.map((t) => `${t.number} (${statusLabel(t.status)})`).join(", ") : "belum ada"}`,
    ];
    await topics.say(topic, lines.join("\n"));
    return topic;
  }

  /** "Bicara dengan petugas": a topic for the chat. */
  async function handoff(contactId: string, context: string) {
    const contact = await prisma.contact.findUnique({ where: { id: contactId } });
    if (!contact) return { skipped: "no contact" };
    const existing = await topicForContact(contactId, null);
    const topic = existing ?? (await openChatTopic(contactId, context));
    if (existing) await topics.say(topic, e(DESK_TEXT.handoffOpened(context)));
    if (existing && existing.kind === "CHAT" && !existing.open) {
      await prisma.deskTopic.update({ where: { id: existing.id }, data: { open: true } });
    }
    // The user heard from the bot already who answers when (office hours, next opening).
    return { topic: topic.threadId };
  }

  async function deletionRequested(requestId: string) {
    const request = await prisma.deletionRequest.findUnique({ where: { id: requestId } });
    if (!request) return { skipped: "no request" };
    // The data subject, found by NIK: what an approval would erase.
    const subject = await findSubject(prisma, request.contactId);
    await topics.sayGeneral(
      e(
        DESK_TEXT.deletionRequested(
          requestId.slice(-6),
          subject.ticketIds.length,
          subject.contactIds.length - 1,
        ),
      ),
      {
        reply_markup: {
          inline_keyboard: [
            [
              {
                text: DESK_BUTTONS.approve,
                callback_data: buttonData({ action: "delok", id: requestId }),
              },
              {
                text: DESK_BUTTONS.deny,
                callback_data: buttonData({ action: "delno", id: requestId }),
              },
            ],
          ],
        },
      },
    );
    return { posted: requestId };
  }

  // ------------------------------------------------------- agent actions

  async function agentOf(telegramUserId: number): Promise<Agent | null> {
    const agent = await prisma.agent.findUnique({
      where: { telegramUserId: BigInt(telegramUserId) },
    });
    return agent?.active ? agent : null;
  }

  const actorOf = (agent: Agent): Actor => ({ type: "AGENT", agentId: agent.id, role: agent.role });

  /**
   * The update's claim in processed_messages, taken in the transaction that
   * queues the user's message: a replay of that update (the polling inbox after
   * a crash, a webhook redelivery) then finds it and sends nothing.
   */
  async function claimUpdate(tx: Tx, claim: string | undefined) {
    if (claim)
      await tx.processedMessage.create({ data: { channel: "TELEGRAM", messageId: claim } });
  }

  /** Sends an agent's words to the user on their own channel, signed. */
  async function replyToUser(
    agent: Agent,
    topic: DeskTopic,
    text: string,
    action = "reply.send",
    claim?: string,
  ) {
    const contact = await prisma.contact.findUnique({ where: { id: topic.contactId } });
    if (!contact) return false;
    const language = contact.language === "EN" ? "en" : "id";
    const signed = `${text}\n\n${agentSignature(deps.signature, agent.name, language)}`;
    const ids = await prisma.$transaction(async (tx) => {
      await claimUpdate(tx, claim);
      const queued = await queueUserMessage(tx, cipher, contact, { kind: "text", text: signed });
      await recordAudit(tx, {
        actor: { type: "AGENT", agentId: agent.id },
        action,
        ticketId: topic.ticketId,
        contactId: contact.id,
        detail: { outboundMessageId: queued.messageId, length: text.length },
      });
      return [queued.outboxId];
    });
    await publish(ids);
    return true;
  }

  /**
   * A photo or document an agent posts in a topic goes to the user as a
   * document, stored encrypted with the ticket like any other file, with the
   * agent's caption (signed) when there is one.
   */
  async function relayFileToUser(
    agent: Agent,
    topic: DeskTopic,
    file: { fileId: string; fileName: string },
    caption: string,
    claim?: string,
  ) {
    const contact = await prisma.contact.findUnique({ where: { id: topic.contactId } });
    const bytes = deps.downloadFile ? await deps.downloadFile(file.fileId) : null;
    if (!contact || !bytes) {
      await topics.say(topic, e(DESK_TEXT.fileNotRelayed));
      return;
    }
    const stored = await storeMedia(prisma, cipher, {
      contactId: contact.id,
      bytes,
      maxBytes: deps.maxFileBytes ?? 10 * 1024 * 1024,
    });
    if (!stored.ok) {
      await topics.say(topic, e(DESK_TEXT.fileNotRelayed));
      return;
    }
    const language = contact.language === "EN" ? "en" : "id";
    const signature = agentSignature(deps.signature, agent.name, language);
    const ids = await prisma.$transaction(async (tx) => {
      await claimUpdate(tx, claim);
      await tx.attachment.update({
        where: { id: stored.mediaId },
        data: { ticketId: topic.ticketId },
      });
      const queued = await queueUserMessage(tx, cipher, contact, {
        kind: "document",
        attachmentId: stored.mediaId,
        fileName: file.fileName.slice(0, 200),
        caption: (caption ? `${caption}\n\n${signature}` : signature).slice(0, 1000),
      });
      await recordAudit(tx, {
        actor: { type: "AGENT", agentId: agent.id },
        action: "file.send",
        ticketId: topic.ticketId,
        contactId: contact.id,
        detail: { attachmentId: stored.mediaId, outboundMessageId: queued.messageId },
      });
      return [queued.outboxId];
    });
    await publish(ids);
  }

  async function runCommand(
    agent: Agent,
    ticketId: string,
    command: TicketCommand,
    reply: (html: string) => Promise<unknown>,
  ) {
    const result = await deps.workflow.changeStatus({ ticketId, command, actor: actorOf(agent) });
    await recordAudit(prisma, {
      actor: { type: "AGENT", agentId: agent.id },
      action: `ticket.${command.type.toLowerCase()}`,
      ticketId,
      detail: { ok: result.ok, ...(result.ok ? {} : { refused: result.error.code }) },
    });
    if (!result.ok) await reply(e(result.error.message));
    return result.ok;
  }

  async function claim(agent: Agent, ticketId: string, reply: (html: string) => Promise<unknown>) {
    const ticket = await prisma.ticket.findUnique({
      where: { id: ticketId },
      include: { assignee: true },
    });
    if (!ticket) return;
    if (ticket.assignee && ticket.assignee.id !== agent.id) {
      await reply(e(DESK_TEXT.alreadyClaimed(agentLabel(ticket.assignee))));
      return;
    }
    await prisma.$transaction(async (tx) => {
      await tx.ticket.update({ where: { id: ticketId }, data: { assigneeId: agent.id } });
      await recordAudit(tx, {
        actor: { type: "AGENT", agentId: agent.id },
        action: "ticket.claim",
        ticketId,
      });
    });
    await reply(e(DESK_TEXT.claimed(agentLabel(agent))));
    if (ticket.status === "BARU") await runCommand(agent, ticketId, { type: "ACCEPT" }, reply);
  }

  async function showTemplates(topic: DeskTopic) {
    const keyboard: InlineKeyboardButton[][] = deps.templates.map((t) => [
      { text: t.title, callback_data: buttonData({ action: "ts", id: topic.id, template: t.id }) },
    ]);
    await topics.say(topic, e(DESK_TEXT.templatesHeader), {
      reply_markup: { inline_keyboard: keyboard },
    });
  }

  async function endHandoff(agent: Agent, topic: DeskTopic) {
    const contact = await prisma.contact.findUnique({ where: { id: topic.contactId } });
    if (!contact) return;
    if (topic.kind === "CHAT" && !topic.open) {
      await topics.say(topic, e(DESK_TEXT.handoffAlreadyEnded));
      return;
    }
    await deps.inbound.deliver(
      { channel: contact.channel, sender: { externalId: contactExternalId(cipher, contact) } },
      { type: "handoffEnded", at: now().toISOString() },
      null,
    );
    await prisma.$transaction(async (tx) => {
      if (topic.kind === "CHAT") {
        await tx.deskTopic.update({
          where: { id: topic.id },
          data: { open: false, closedAt: now() },
        });
      }
      await recordAudit(tx, {
        actor: { type: "AGENT", agentId: agent.id },
        action: "handoff.end",
        ticketId: topic.ticketId,
        contactId: contact.id,
      });
    });
    await topics.say(topic, e(DESK_TEXT.handoffEnded(agentLabel(agent))));
  }

  /** Commands inside a ticket or chat topic. */
  async function topicCommand(agent: Agent, topic: DeskTopic, name: string, args: string) {
    const reply = (html: string) => topics.say(topic, html);
    const ticketId = topic.ticketId;
    const needTicket = async () => {
      if (!ticketId) await reply(e(DESK_TEXT.notInTicketTopic));
      return ticketId;
    };
    const needText = async (usage: string) => {
      if (!args) await reply(e(DESK_TEXT.needsArgument(usage)));
      return args;
    };
    switch (name) {
      case "ambil": {
        const id = await needTicket();
        if (id) await claim(agent, id, reply);
        return;
      }
      case "proses": {
        const id = await needTicket();
        if (id) await runCommand(agent, id, { type: "START_PROCESSING" }, reply);
        return;
      }
      case "teruskan": {
        const id = await needTicket();
        if (!id || !(await needText("/teruskan VERIFIKATOR dokumen perlu diverifikasi"))) return;
        const { word, rest } = firstWord(args);
        const team = word.toUpperCase() as Team;
        if (!FORWARD_TEAMS.includes(team)) {
          await reply(e(DESK_TEXT.badTeam(FORWARD_TEAMS.join(", "))));
          return;
        }
        await runCommand(
          agent,
          id,
          { type: "FORWARD", team, ...(rest ? { note: rest } : {}) },
          reply,
        );
        return;
      }
      case "minta": {
        const id = await needTicket();
        if (id && (await needText("/minta foto akta pendirian perusahaan halaman 1-3"))) {
          await runCommand(agent, id, { type: "REQUEST_USER_INFO", reason: args }, reply);
        }
        return;
      }
      case "lanjut": {
        const id = await needTicket();
        if (!id) return;
        const ticket = await prisma.ticket.findUnique({ where: { id }, select: { status: true } });
        const type = ticket?.status === "ESKALASI_LKPP" ? "LKPP_RESPONDED" : "USER_RESPONDED";
        await runCommand(agent, id, { type, ...(args ? { note: args } : {}) }, reply);
        return;
      }
      case "eskalasi": {
        const id = await needTicket();
        if (!id || !(await needText("/eskalasi 2026-000123 gangguan server SPSE"))) return;
        const { word, rest } = firstWord(args);
        await runCommand(
          agent,
          id,
          { type: "ESCALATE_LKPP", lkppTicketNumber: word, ...(rest ? { note: rest } : {}) },
          reply,
        );
        return;
      }
      case "selesai": {
        if (topic.kind === "CHAT") return endHandoff(agent, topic);
        const id = await needTicket();
        if (id && (await needText("/selesai password sudah direset, silakan cek e-mail"))) {
          await runCommand(agent, id, { type: "RESOLVE", resolutionNote: args }, reply);
        }
        return;
      }
      case "akhiri":
        return endHandoff(agent, topic);
      case "tolak": {
        const id = await needTicket();
        if (id && (await needText("/tolak permohonan ganda dengan LDK-2026-00041"))) {
          await runCommand(agent, id, { type: "REJECT", reason: args }, reply);
        }
        return;
      }
      case "tutup": {
        const id = await needTicket();
        if (id)
          await runCommand(agent, id, { type: "CLOSE", ...(args ? { note: args } : {}) }, reply);
        return;
      }
      case "buka": {
        const id = await needTicket();
        if (id && (await needText("/buka pengguna melaporkan masalah muncul lagi"))) {
          await runCommand(agent, id, { type: "REOPEN", reason: args }, reply);
        }
        return;
      }
      case "ktp":
        await showKtp(agent, topic);
        return;
      case "templat":
        await showTemplates(topic);
        return;
      case "riwayat":
        return notes.showHistory(agent, topic);
      case "kartu": {
        const id = await needTicket();
        const ticket = id ? await topics.loadCardTicket(id) : null;
        if (ticket) await topics.postCard(topic, ticket);
        return;
      }
      default:
        return generalCommand(agent, name, args, topic);
    }
  }

  async function ticketByNumber(args: string) {
    const number = parseTicketNumber(args);
    if (!number) return null;
    return prisma.ticket.findUnique({ where: { number } });
  }

  /** Commands that work anywhere in the group. */
  async function generalCommand(
    agent: Agent,
    name: string,
    args: string,
    topic: DeskTopic | null,
  ): Promise<void> {
    const reply = (html: string, extra: Record<string, unknown> = {}) =>
      topic ? topics.say(topic, html, extra) : topics.sayGeneral(html, extra);
    switch (name) {
      case "bantuan":
      case "help":
      case "start":
        await reply(DESK_TEXT.help);
        return;
      case "audit": {
        if (!AUDIT_ROLES.has(agent.role)) {
          await reply(e(DESK_TEXT.notAllowed("melihat jejak audit")));
          return;
        }
        const ticket =
          (await ticketByNumber(args)) ??
          (topic?.ticketId
            ? await prisma.ticket.findUnique({ where: { id: topic.ticketId } })
            : null);
        if (!ticket) {
          await reply(e(DESK_TEXT.needsArgument("/audit LDK-2026-00042")));
          return;
        }
        await recordAudit(prisma, {
          actor: { type: "AGENT", agentId: agent.id },
          action: "audit.view",
          ticketId: ticket.id,
        });
        const trail = await auditTrail(prisma, ticket.id);
        const agents = new Map(
          (await prisma.agent.findMany({ select: { id: true, name: true } })).map((a) => [
            a.id,
            a.name,
          ]),
        );
        const lines = trail.map((row) => {
          const who =
            row.actorType === "AGENT"
              ? (agents.get(row.actorId ?? "") ?? "petugas")
              : row.actorType === "USER"
                ? "pengguna"
                : `sistem (${row.actorId ?? "-"})`;
          return `${formatWibDateTime(row.at.toISOString())} · ${who} · ${row.action}`;
        });
        await reply(
          e(
            lines.length
              ? [DESK_TEXT.auditHeader(ticket.number), ...lines].join("\n")
              : DESK_TEXT.auditEmpty(ticket.number),
          ),
        );
        return;
      }
      case "blokir":
      case "bukablokir": {
        if (agent.role !== "SUPERVISOR") {
          await reply(e(DESK_TEXT.notAllowed("memblokir pengirim")));
          return;
        }
        const ticket = await ticketByNumber(args);
        if (!ticket) {
          await reply(e(DESK_TEXT.needsArgument(`/${name} LDK-2026-00042 alasan`)));
          return;
        }
        const blocked = name === "blokir";
        await prisma.$transaction(async (tx) => {
          await tx.contact.update({ where: { id: ticket.contactId }, data: { blocked } });
          await recordAudit(tx, {
            actor: { type: "AGENT", agentId: agent.id },
            action: blocked ? "contact.block" : "contact.unblock",
            ticketId: ticket.id,
            contactId: ticket.contactId,
            detail: { reason: firstWord(args).rest.slice(0, 200) },
          });
        });
        await reply(
          e(blocked ? DESK_TEXT.blocked(ticket.number) : DESK_TEXT.unblocked(ticket.number)),
        );
        return;
      }
      case "agen":
        await manageAgents(agent, args, reply);
        return;
      default: {
        const extra = deps.extraCommands?.[name];
        if (extra) {
          await extra({ agent, args, topic, reply });
          return;
        }
        await reply(e(DESK_TEXT.unknownCommand(name)));
      }
    }
  }

  async function manageAgents(
    agent: Agent | null,
    args: string,
    reply: (html: string) => Promise<unknown>,
    fromId?: number,
  ) {
    const bootstrap =
      agent === null &&
      fromId !== undefined &&
      deps.bootstrapSupervisorId === String(fromId) &&
      (await prisma.agent.count({ where: { role: "SUPERVISOR", active: true } })) === 0;
    if (!bootstrap && agent?.role !== "SUPERVISOR") {
      await reply(e(DESK_TEXT.notAllowed("mengelola petugas")));
      return;
    }
    const { word, rest } = firstWord(args);
    switch (word.toLowerCase()) {
      case "tambah": {
        const parts = firstWord(rest);
        const role = firstWord(parts.rest);
        const telegramUserId = Number(parts.word);
        const roleId = role.word.toUpperCase() as AgentRole;
        if (!Number.isSafeInteger(telegramUserId) || !AGENT_ROLES.includes(roleId) || !role.rest) {
          await reply(e(DESK_TEXT.needsArgument("/agen tambah 123456789 HELPDESK Budi Santoso")));
          return;
        }
        const saved = await prisma.agent.upsert({
          where: { telegramUserId: BigInt(telegramUserId) },
          create: {
            telegramUserId: BigInt(telegramUserId),
            name: role.rest.slice(0, 100),
            role: roleId,
          },
          update: { name: role.rest.slice(0, 100), role: roleId, active: true },
        });
        await recordAudit(prisma, {
          actor: agent
            ? { type: "AGENT", agentId: agent.id }
            : { type: "SYSTEM", name: "bootstrap" },
          action: "agent.add",
          detail: { agentId: saved.id, role: roleId },
        });
        await reply(e(DESK_TEXT.agentAdded(saved.name, roleId)));
        return;
      }
      case "hapus": {
        const target = Number(firstWord(rest).word);
        const found = Number.isSafeInteger(target)
          ? await prisma.agent.findUnique({ where: { telegramUserId: BigInt(target) } })
          : null;
        if (!found) {
          await reply(e(DESK_TEXT.agentNotFound));
          return;
        }
        await prisma.agent.update({ where: { id: found.id }, data: { active: false } });
        const removed = await removeFromGroup(api, chatId, Number(found.telegramUserId));
        await recordAudit(prisma, {
          actor: agent
            ? { type: "AGENT", agentId: agent.id }
            : { type: "SYSTEM", name: "bootstrap" },
          action: "agent.remove",
          detail: { agentId: found.id, removedFromGroup: removed },
        });
        await reply(e(agentRemovedText(found.name, removed)));
        return;
      }
      default: {
        const all = await prisma.agent.findMany({
          where: { active: true },
          orderBy: { name: "asc" },
        });
        await reply(
          e(
            all.length
              ? [
                  DESK_TEXT.agentsList,
                  ...all.map((a) => `• ${a.name} — ${a.role} (id ${a.telegramUserId})`),
                ].join("\n")
              : DESK_TEXT.agentsEmpty,
          ),
        );
      }
    }
  }

  async function onMessage(ctx: Context, updateClaim: string) {
    const message = ctx.message;
    const from = ctx.from;
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
    const agent = await agentOf(from.id);
    const replyHere = (html: string) => (topic ? topics.say(topic, html) : topics.sayGeneral(html));
    if (!agent) {
      if (input.type === "command" && input.name === "agen") {
        await manageAgents(null, input.args, replyHere, from.id);
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
      case "command":
        if (topic) await topicCommand(agent, topic, input.name, input.args);
        else await generalCommand(agent, input.name, input.args, null);
        return;
      case "reply":
        if (!topic) return;
        if (file) await relayFileToUser(agent, topic, file, input.text, updateClaim);
        else if (input.text) await replyToUser(agent, topic, input.text, "reply.send", updateClaim);
        return;
    }
  }

  async function onCallback(ctx: Context, updateClaim: string) {
    const query = ctx.callbackQuery;
    if (!query?.data) return;
    const button = parseButtonData(query.data);
    const answer = (text?: string) =>
      ctx.api.answerCallbackQuery(query.id, text ? { text } : {}).catch(() => undefined);
    if (!button && !query.data.startsWith("g:")) {
      await answer();
      return;
    }
    const agent = await agentOf(query.from.id);
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
    switch (button.action) {
      case "claim":
        await claim(agent, button.id, reply);
        return;
      case "process":
        await runCommand(agent, button.id, { type: "START_PROCESSING" }, reply);
        return;
      case "request":
      case "resolve":
      case "reject":
        await guided.start(button.action, button.id);
        return;
      case "ktp": {
        const ktpTopic = await prisma.deskTopic.findUnique({ where: { ticketId: button.id } });
        if (ktpTopic) await showKtp(agent, ktpTopic);
        return;
      }
      case "tpl": {
        const tplTopic = await prisma.deskTopic.findUnique({ where: { id: button.id } });
        if (tplTopic) await showTemplates(tplTopic);
        return;
      }
      case "ts": {
        const target = await prisma.deskTopic.findUnique({ where: { id: button.id } });
        const template = deps.templates.find((t) => t.id === button.template);
        if (!target || !template) return;
        await replyToUser(agent, target, template.text, "template.send", updateClaim);
        await topics.say(target, e(DESK_TEXT.templateSent(template.title)));
        return;
      }
      case "lok":
      case "lno":
        await deps.decideLetter?.(agent, button.id, button.action === "lok", reply);
        return;
      case "delok":
      case "delno": {
        if (agent.role !== "SUPERVISOR") {
          await reply(e(DESK_TEXT.notAllowed("memutuskan penghapusan data")));
          return;
        }
        const decide = deps.decideDeletion;
        if (!decide) return;
        const outcome = await decide({
          requestId: button.id,
          agentId: agent.id,
          approve: button.action === "delok",
        });
        await reply(
          e(
            outcome === "already decided"
              ? DESK_TEXT.deletionAlreadyDecided
              : DESK_TEXT.deletionDecided(button.action === "delok", agentLabel(agent)),
          ),
        );
        return;
      }
    }
  }

  return {
    /** For the Telegram channel: true when the update belongs to the agents group. */
    async handleUpdate(ctx: Context): Promise<boolean> {
      if (String(ctx.chat?.id) !== chatId) return false;
      // Telegram may give an update twice (a replay from the polling inbox
      // after a crash, a webhook redelivery): one that was handled is skipped.
      const claim = `desk:${ctx.me.id}:${ctx.update.update_id}`;
      if (
        await prisma.processedMessage.findUnique({
          where: { channel_messageId: { channel: "TELEGRAM", messageId: claim } },
        })
      ) {
        log.info({ updateId: ctx.update.update_id }, "Agent desk update already handled; skipped");
        return true;
      }
      try {
        if (ctx.callbackQuery) await onCallback(ctx, claim);
        else if (ctx.message) await onMessage(ctx, claim);
        await prisma.processedMessage.createMany({
          data: [{ channel: "TELEGRAM", messageId: claim }],
          skipDuplicates: true,
        });
      } catch (err) {
        log.error({ err }, "Agent desk update failed");
        const threadId =
          ctx.message?.message_thread_id ?? ctx.callbackQuery?.message?.message_thread_id;
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
    ticketOpened,
    ticketChanged,
    relay,
    handoff,
    handoffLeft: createHandoffLeft({ prisma, topics, now }),
    deletionRequested,
    topics,
  };
}

export type AgentDesk = ReturnType<typeof createAgentDesk>;
