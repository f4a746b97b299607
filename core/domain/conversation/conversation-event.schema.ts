import { z } from "zod";
import { TICKET_STATUSES } from "../../content/index.ts";
import { channelSchema, isoTimestampSchema, languageSchema } from "./conversation-state.schema.ts";

/**
 * Everything the engine reacts to. User events come from the channels; the
 * others are results of effects the app layer ran, agent actions, and the
 * scheduler's timeout tick. Parse untrusted input with `conversationEventSchema`.
 */

const at = isoTimestampSchema;

export const MEDIA_KINDS = [
  "image",
  "document",
  "sticker",
  "voice",
  "audio",
  "video",
  "location",
  "other",
  "viewOnce",
] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const textEventSchema = z.object({ type: z.literal("text"), at, text: z.string() });
export const choiceEventSchema = z.object({
  type: z.literal("choice"),
  at,
  optionId: z.string(),
});
export const mediaEventSchema = z.object({
  type: z.literal("media"),
  at,
  kind: z.enum(MEDIA_KINDS),
  mime: z.string().nullable(),
  size: z.number().int().nonnegative().nullable(),
  /** Id under which the app stored the file; null when nothing was stored (e.g. a location). */
  mediaId: z.string().min(1).nullable(),
  /** Refused by the app for a reason with its own answer (a PDF that can act when opened). */
  refusal: z.enum(["activeContent"]).optional(),
  /**
   * What the user wrote with the file, sanitised. The app keeps it sealed with
   * the stored file, so wherever the file goes (a ticket, the agents) it goes too.
   */
  caption: z.string().min(1).optional(),
});
export const contactEventSchema = z.object({
  type: z.literal("contact"),
  at,
  phone: z.string(),
});

export const timeoutEventSchema = z.object({ type: z.literal("timeout"), at });
export const ticketCreatedEventSchema = z.object({
  type: z.literal("ticketCreated"),
  at,
  ticketNumber: z.string().min(1),
});
export const ticketFailedEventSchema = z.object({ type: z.literal("ticketFailed"), at });
export const statusResultEventSchema = z.object({
  type: z.literal("statusResult"),
  at,
  ticketNumber: z.string().min(1),
  /** null when the ticket does not exist or belongs to another contact. */
  status: z.enum(TICKET_STATUSES).nullable(),
  updatedAt: isoTimestampSchema.nullable(),
});
export const handoffStartedEventSchema = z.object({ type: z.literal("handoffStarted"), at });
/**
 * The hand-off's service time is up (a delayed job): whether an agent has
 * answered the user since `since`, the hand-off it was scheduled for.
 */
export const handoffCheckEventSchema = z.object({
  type: z.literal("handoffCheck"),
  at,
  since: isoTimestampSchema,
  answered: z.boolean(),
});
/** The complaint the user just wrote was filed under this number. */
export const complaintFiledEventSchema = z.object({
  type: z.literal("complaintFiled"),
  at,
  complaintNumber: z.string().min(1),
  /** When the office answers at the latest. */
  dueAt: isoTimestampSchema,
});
export const COMPLAINT_STATUSES = ["BARU", "DITANGGAPI", "SELESAI"] as const;
/** The answer to "status ADU-…": null status when the complaint is not this contact's. */
export const complaintStatusResultEventSchema = z.object({
  type: z.literal("complaintStatusResult"),
  at,
  complaintNumber: z.string().min(1),
  status: z.enum(COMPLAINT_STATUSES).nullable(),
  dueAt: isoTimestampSchema.nullable(),
  /** The office's answer once given (opened by the app; the user's own data). */
  outcome: z.string().nullable(),
});
export const handoffEndedEventSchema = z.object({ type: z.literal("handoffEnded"), at });

/** A ticket of this contact moved to another status (told by the conversations worker). */
export const ticketStatusChangedEventSchema = z.object({
  type: z.literal("ticketStatusChanged"),
  at,
  ticketNumber: z.string().min(1),
  status: z.enum(TICKET_STATUSES),
});
/** A resolved ticket's satisfaction survey is due (a SurveyResponse row is DITANYAKAN). */
export const surveyStartEventSchema = z.object({
  type: z.literal("surveyStart"),
  at,
  ticketId: z.string().min(1),
  ticketNumber: z.string().min(1),
});

/**
 * What we hold about a contact, already masked by the app ("data saya").
 * Never a full NIK, phone number or e-mail address.
 */
export const myDataSnapshotSchema = z.object({
  channel: channelSchema,
  language: languageSchema,
  phoneMasked: z.string().nullable(),
  tickets: z.array(
    z.object({
      number: z.string(),
      category: z.string(),
      status: z.enum(TICKET_STATUSES),
      createdAt: isoTimestampSchema,
      closedAt: isoTimestampSchema.nullable(),
      /** null once anonymised. */
      name: z.string().nullable(),
      nikMasked: z.string().nullable(),
      emailMasked: z.string().nullable(),
      organisation: z.string().nullable(),
      anonymised: z.boolean(),
      documents: z.array(
        z.object({ kind: z.string(), createdAt: isoTimestampSchema, purged: z.boolean() }),
      ),
    }),
  ),
  /** Tickets beyond the ones listed (the summary shows the latest few). */
  moreTickets: z.number().int().nonnegative(),
  /** Tickets of other contacts with the same NIK: counted only, erased with this contact's. */
  linkedTickets: z.number().int().nonnegative().default(0),
  complaints: z.number().int().nonnegative(),
  /** When an erasure request still waits for a supervisor, else null. */
  deletionPendingSince: isoTimestampSchema.nullable(),
});
export type MyDataSnapshot = z.infer<typeof myDataSnapshotSchema>;

export const myDataResultEventSchema = z.object({
  type: z.literal("myDataResult"),
  at,
  data: myDataSnapshotSchema,
});
export const deletionResultEventSchema = z.object({
  type: z.literal("deletionResult"),
  at,
  outcome: z.enum(["requested", "alreadyPending"]),
  /** A ticket still being handled, which can no longer be once the data is gone. */
  openTicketNumber: z.string().nullable(),
});

/** The user edited a message that can no longer be taken back (WhatsApp). */
export const editNotReadEventSchema = z.object({ type: z.literal("editNotRead"), at });
/** The user deleted for everyone the messages that brought these stored files. */
export const mediaWithdrawnEventSchema = z.object({
  type: z.literal("mediaWithdrawn"),
  at,
  mediaIds: z.array(z.string().min(1)).min(1),
});

export const conversationEventSchema = z.discriminatedUnion("type", [
  textEventSchema,
  choiceEventSchema,
  mediaEventSchema,
  contactEventSchema,
  timeoutEventSchema,
  ticketCreatedEventSchema,
  ticketFailedEventSchema,
  statusResultEventSchema,
  handoffStartedEventSchema,
  handoffEndedEventSchema,
  handoffCheckEventSchema,
  complaintFiledEventSchema,
  complaintStatusResultEventSchema,
  ticketStatusChangedEventSchema,
  surveyStartEventSchema,
  myDataResultEventSchema,
  deletionResultEventSchema,
  editNotReadEventSchema,
  mediaWithdrawnEventSchema,
]);

export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type TextEvent = z.infer<typeof textEventSchema>;
export type ChoiceEvent = z.infer<typeof choiceEventSchema>;
export type MediaEvent = z.infer<typeof mediaEventSchema>;
export type ContactEvent = z.infer<typeof contactEventSchema>;
export type UserEvent = TextEvent | ChoiceEvent | MediaEvent | ContactEvent;
export type StatusResultEvent = z.infer<typeof statusResultEventSchema>;
export type HandoffCheckEvent = z.infer<typeof handoffCheckEventSchema>;
export type ComplaintStatusResultEvent = z.infer<typeof complaintStatusResultEventSchema>;
export type TicketStatusChangedEvent = z.infer<typeof ticketStatusChangedEventSchema>;
export type SurveyStartEvent = z.infer<typeof surveyStartEventSchema>;
export type DeletionResultEvent = z.infer<typeof deletionResultEventSchema>;
export type MediaWithdrawnEvent = z.infer<typeof mediaWithdrawnEventSchema>;
