// What the desk's features share: its settings (AgentDeskDeps), the one
// DeskContext each handler is given, and the shapes of the handler tables
// agent-desk.ts wires (commands in a topic, commands anywhere, card buttons).
// Types only: the features import this, never agent-desk.ts.
import type { Api } from "grammy";
import type { InboundHandler } from "../../core/app/handle-inbound.ts";
import type { TicketWorkflow } from "../../core/app/ticket-workflow.ts";
import type { CalendarSource } from "../../core/domain/sla/calendar-overrides.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { Agent, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import type { QueueFor } from "../../core/infra/stores/outbox.store.ts";
import type { DeskButton } from "./desk.commands.ts";
import type { DeskGuided } from "./desk.guided.ts";
import type { createKtpViews } from "./desk.ktp.ts";
import type { DeskNotes } from "./desk.notes.ts";
import type { StrangerNotice } from "./desk.stranger-notice.ts";
import type { DeskTopics } from "./desk.topics.ts";

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
  calendar: CalendarSource;
  signature: "office" | "agent";
  /** A KTP view is deleted from the group after this many minutes (DESK_KTP_VIEW_MINUTES). */
  ktpViewMinutes?: number;
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

/** What every feature of the desk works with; built once by agent-desk.ts. */
export interface DeskContext {
  deps: AgentDeskDeps;
  prisma: PrismaClient;
  cipher: Cipher;
  api: Api;
  chatId: string;
  now: () => Date;
  log: Logger;
  /** Topics of the group: lookups by thread, sends that survive a deleted topic. */
  topics: DeskTopics;
  notes: DeskNotes;
  guided: DeskGuided;
  showKtp: ReturnType<typeof createKtpViews>;
}

type Reply = (html: string) => Promise<unknown>;

/** A command typed inside a ticket or chat topic. */
export interface TopicInput {
  agent: Agent;
  topic: DeskTopic;
  args: string;
  reply: Reply;
  /** The topic's ticket; in a chat topic the agent is told and it is null. */
  needTicket(): Promise<string | null>;
  /** The command's words; without any the agent is shown `usage` and it is "". */
  needText(usage: string): Promise<string>;
}

export type TopicCommand = (ctx: DeskContext, input: TopicInput) => Promise<unknown>;

/** A command that works anywhere in the group (General or a topic). */
export interface GeneralInput {
  agent: Agent;
  name: string;
  args: string;
  topic: DeskTopic | null;
  reply: (html: string, extra?: Record<string, unknown>) => Promise<unknown>;
}

export type GeneralCommand = (ctx: DeskContext, input: GeneralInput) => Promise<unknown>;

/** A press on one of the desk's inline buttons (d:…), already answered. */
export interface ButtonInput<B extends DeskButton = DeskButton> {
  agent: Agent;
  button: B;
  reply: Reply;
  /** The update's dedupe key, for handlers that queue a message to the user. */
  updateClaim: string;
}

/** The button of one action: `{ action: "claim"; id }` out of DeskButton. */
export type ButtonOf<A extends DeskButton["action"]> = DeskButton & { action: A };

export type ButtonHandlers = {
  [A in DeskButton["action"]]: (
    ctx: DeskContext,
    input: ButtonInput<ButtonOf<A>>,
  ) => Promise<unknown> | undefined;
};
