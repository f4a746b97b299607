// Queue names and job payloads shared by every process. Job data holds ids
// and parameters only: never a NIK, a phone number or a document.
import { z } from "zod";

export const QUEUE = {
  maintenance: "maintenance",
  /** ticket.created and later ticket lifecycle jobs, consumed by the workers. */
  tickets: "tickets",
  /** Requests for a human, for the agent desk. */
  handoffs: "handoffs",
  /**
   * The agent desk's work in the agents group (topics, cards, relays of user
   * messages, deletion requests), consumed by the process holding the Telegram bot.
   */
  desk: "agent-desk",
  /**
   * The desk's bulk lane: new tickets' topics (card, files, digest). Its own
   * queue so that posting a burst of new tickets never holds up the relays and
   * replies of a live conversation in `desk`; same jobs, same consumer.
   */
  deskBulk: "agent-desk-bulk",
  /** Events delivered into a user's conversation by the system (survey start, …). */
  conversations: "conversations",
  /**
   * Documents rendered off the routing path (the request form, a PDF): their
   * own queue, so routing is database and queue work only.
   */
  documents: "documents",
  /** Delayed service-time checks: the 80% reminder and the breach. */
  sla: "sla",
  /** Alerts for the agents group: SLA reminders and breaches, dead letters, complaints for the analyst. */
  agentAlerts: "agent-alerts",
  /** One queue per channel: only the process holding that channel consumes it. */
  outboundConsole: "outbound-console",
  outboundTelegram: "outbound-telegram",
  outboundWhatsapp: "outbound-whatsapp",
  /** Notices to applicants who chose e-mail (tickets filed in the web console). */
  outboundEmail: "outbound-email",
} as const;

export function outboundQueue(channel: "CONSOLE" | "TELEGRAM" | "WHATSAPP" | "EMAIL"): QueueName {
  switch (channel) {
    case "CONSOLE":
      return QUEUE.outboundConsole;
    case "TELEGRAM":
      return QUEUE.outboundTelegram;
    case "WHATSAPP":
      return QUEUE.outboundWhatsapp;
    case "EMAIL":
      return QUEUE.outboundEmail;
  }
}

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const maintenanceJobSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("prune-processed-messages"),
    /** Dedupe rows older than this are dropped: channels redeliver within hours, not days. */
    olderThanHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365),
  }),
  z.object({
    type: z.literal("retention"),
    /** Documents of a ticket are purged this many days after it closed. */
    attachmentDays: z.number().int().min(1).max(3650),
    /** Personal fields of a closed ticket are blanked this many days after it closed. */
    personalDataDays: z.number().int().min(1).max(3650),
    /** Sent message bodies, relays, idle chats and unhandled updates go after this many days. */
    messageDays: z.number().int().min(1).max(3650).default(30),
    /** Files of drafts that never became a ticket are dropped after this many hours. */
    orphanHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365),
  }),
  /** Tells the agents group when the calendar lists no holiday of this (or, from November, next) year. */
  z.object({ type: z.literal("holiday-check") }),
  z.object({
    /** An approved erasure's last step, once its final notice is out (privacy-erasure.ts). */
    type: z.literal("erasure-finish"),
    requestId: z.uuid(),
  }),
]);

/** Documents to render, by the ticket they belong to. Ids only; the worker reads the rows. */
export const documentJobSchema = z.discriminatedUnion("type", [
  /** A routed ticket's request form: rendered, stored, sent to the user, posted for the agents. */
  z.object({ type: z.literal("request-form"), ticketId: z.uuid() }),
]);

export const slaCheckJobSchema = z.object({
  ticketId: z.uuid(),
  kind: z.enum(["reminder", "breach"]),
  /** The due time the check was scheduled for; a clock that moved since makes it stale. */
  dueAt: z.iso.datetime(),
});

export const agentAlertJobSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sla"), ticketId: z.uuid(), kind: z.enum(["reminder", "breach"]) }),
  z.object({ type: z.literal("dead-letter"), deadLetterId: z.uuid() }),
  /** A service complaint, for the service analyst. */
  z.object({ type: z.literal("complaint"), complaintId: z.uuid() }),
  /** A user asked for a human. */
  z.object({
    type: z.literal("handoff"),
    contactId: z.uuid(),
    context: z.string().max(200),
    /** When the user asked (not when the alert job runs); absent in jobs queued before it was carried. */
    at: z.iso.datetime().optional(),
  }),
  /** The office calendar lists no holiday of these years: service times run through them. */
  z.object({
    type: z.literal("holidays"),
    years: z.array(z.number().int().min(2000).max(2200)).min(1).max(2),
  }),
  /** The WhatsApp link needs attention (logged out, taken by another socket, or down for a while). */
  z.object({
    type: z.literal("whatsapp-state"),
    state: z.enum(["logged-out", "replaced", "reconnecting", "banned", "bad-session"]),
    /** Failed connection attempts in a row, for "reconnecting". */
    failures: z.number().int().min(0).optional(),
    at: z.iso.datetime(),
  }),
]);

/** Jobs of the agent desk. Ids only; the desk reads the rows. */
export const deskJobSchema = z.discriminatedUnion("type", [
  /** A new ticket: open its topic and post its card. */
  z.object({ type: z.literal("ticket-opened"), ticketId: z.uuid() }),
  /**
   * A document of the ticket was made after routing (the request form): post
   * it in the ticket's topic, once, unless the topic's opening posted it.
   */
  z.object({ type: z.literal("ticket-document"), ticketId: z.uuid(), attachmentId: z.uuid() }),
  /** A ticket's status, team or assignee changed: rename the topic, update the card. */
  z.object({ type: z.literal("ticket-changed"), ticketId: z.uuid(), eventId: z.uuid() }),
  /**
   * An agent took the ticket from the web console without a status change:
   * post it in the ticket's topic, as the desk's /ambil answers there.
   */
  z.object({ type: z.literal("ticket-claimed"), ticketId: z.uuid(), agentId: z.uuid() }),
  /**
   * An agent replied to the citizen or wrote a note on the console's ticket
   * page: post it in the ticket's topic "oleh <agent>". `refId` is the
   * send-log row (reply, or a file sent: a notice naming its type) or the
   * desk_notes row (note).
   */
  z.object({
    type: z.literal("console-post"),
    ticketId: z.uuid(),
    agentId: z.uuid(),
    kind: z.enum(["reply", "note", "file"]),
    refId: z.uuid(),
  }),
  /**
   * An agent issued a disruption letter from the web console: post the
   * notice "diterbitkan oleh <agent>" and the letter's PDF in the ticket's
   * topic, as the desk's /surat posts it there. The number, the agent and the
   * file are read from the disruption_letters row.
   */
  z.object({ type: z.literal("letter-issued"), ticketId: z.uuid(), letterId: z.uuid() }),
  /** Something the user sent while an agent has their ticket or chat (a DeskRelay row). */
  z.object({ type: z.literal("relay"), relayId: z.uuid() }),
  /** "hapus data saya": ask a supervisor to approve (a DeletionRequest row). */
  z.object({ type: z.literal("deletion-requested"), requestId: z.uuid() }),
  /** Erasure or retention: delete a topic's posts and the topic in the group, leave a tombstone. */
  z.object({ type: z.literal("topic-purge"), topicId: z.uuid() }),
  /** A KTP view's time is up, or alerts naming an erased person: delete these desk_posts. */
  z.object({ type: z.literal("posts-expire"), postIds: z.array(z.uuid()).min(1).max(100) }),
  /** The user left the wait for an agent ("menu", "batal", "selesai", or chose a ticket). */
  z.object({
    type: z.literal("handoff-left"),
    contactId: z.uuid(),
    how: z.enum(["menu", "cancel", "done", "ticket"]),
  }),
]);

export type DeskJob = z.infer<typeof deskJobSchema>;

/** Events for a user's conversation, delivered by the conversations worker. Ids only. */
export const conversationJobSchema = z.discriminatedUnion("type", [
  /** A resolved ticket's satisfaction survey (its SurveyResponse row is DITANYAKAN). */
  z.object({ type: z.literal("survey-start"), ticketId: z.uuid() }),
  /** A ticket changed status: the conversation keeps track of the open one. */
  z.object({ type: z.literal("ticket-status"), ticketId: z.uuid() }),
  /**
   * Delayed to the end of a hand-off's service time: has an agent answered?
   * `since` names the hand-off, so a later one is not mistaken for it.
   */
  z.object({ type: z.literal("handoff-check"), contactId: z.uuid(), since: z.iso.datetime() }),
]);
