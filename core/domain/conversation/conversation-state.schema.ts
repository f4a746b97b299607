import { z } from "zod";
import { LANGUAGES, ROLE_IDS, TICKET_STATUSES } from "../../content/index.ts";
import { normalizeIndonesianMobile } from "../shared/phone.normalizer.ts";
import { SURVEY_ELEMENT_CODES } from "../survey/survey.definition.ts";
import { articleModeSchemas } from "./article-mode.schema.ts";

/**
 * The persisted state of one conversation. Plain JSON (timestamps are ISO
 * strings) so the app layer can store it and parse it back with
 * `conversationStateSchema`.
 */

export const CHANNELS = ["WHATSAPP", "TELEGRAM", "CONSOLE", "EMAIL"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const languageSchema = z.enum(LANGUAGES);

export const isoTimestampSchema = z.iso.datetime({ offset: true });

/** The questions of the intake checklist, in the order they are asked. */
export const INTAKE_STEPS = [
  "category",
  "consent",
  "name",
  "nik",
  "role",
  "organisation",
  "email",
  "phone",
  "tenderCode",
  "bidDeadline",
  "description",
  "actingForOther",
  "ktp",
  "suratKuasa",
  "screenshots",
] as const;
export const intakeStepSchema = z.enum(INTAKE_STEPS);
export type IntakeStep = z.infer<typeof intakeStepSchema>;

/** A file the app layer stored (encrypted) and handed to the engine by id. */
export const storedMediaSchema = z.object({
  mediaId: z.string().min(1),
  mime: z.string(),
});

/** Answers collected so far; null means "not answered yet". */
export const draftSchema = z.object({
  startedAt: isoTimestampSchema,
  reminderSentAt: isoTimestampSchema.nullable(),
  category: z.string().nullable(),
  consentAt: isoTimestampSchema.nullable(),
  name: z.string().nullable(),
  nik: z.string().nullable(),
  role: z.enum(ROLE_IDS).nullable(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  tenderCode: z.string().nullable(),
  bidDeadline: isoTimestampSchema.nullable(),
  description: z.string().nullable(),
  actingForOther: z.boolean().nullable(),
  ktp: storedMediaSchema.nullable(),
  suratKuasa: storedMediaSchema.nullable(),
  screenshots: z.array(storedMediaSchema),
  screenshotsDone: z.boolean(),
});
export type Draft = z.infer<typeof draftSchema>;

export const HANDOFF_REASONS = ["userRequest", "repeatedFailures", "agentInitiated"] as const;
export const handoffReasonSchema = z.enum(HANDOFF_REASONS);
export type HandoffReason = z.infer<typeof handoffReasonSchema>;

const failures = z.number().int().nonnegative();

const menuModeSchema = z.object({ type: z.literal("menu"), failures });
const intakeModeSchema = z.object({
  type: z.literal("intake"),
  step: intakeStepSchema,
  failures,
  /** Reached from the summary's "change an answer": "back" returns to the summary. */
  editing: z.boolean(),
});
const summaryModeSchema = z.object({ type: z.literal("summary"), failures });
const editPickModeSchema = z.object({ type: z.literal("editPick"), failures });
const statusAskModeSchema = z.object({ type: z.literal("statusAsk"), failures });
const complaintAskModeSchema = z.object({ type: z.literal("complaintAsk"), failures });
const resumePromptModeSchema = z.object({ type: z.literal("resumePrompt"), failures });
const { articleOfferModeSchema, articleShownModeSchema } = articleModeSchemas({
  failures,
  at: isoTimestampSchema,
  resumeTo: z.discriminatedUnion("type", [intakeModeSchema, summaryModeSchema]),
});

/** Modes that ask the user something and count failed answers. */
export const questionModeSchema = z.discriminatedUnion("type", [
  menuModeSchema,
  intakeModeSchema,
  summaryModeSchema,
  editPickModeSchema,
  statusAskModeSchema,
  complaintAskModeSchema,
  resumePromptModeSchema,
  articleOfferModeSchema,
  articleShownModeSchema,
]);
export type QuestionMode = z.infer<typeof questionModeSchema>;
export type ArticleOfferMode = z.infer<typeof articleOfferModeSchema>;
export type ArticleShownMode = z.infer<typeof articleShownModeSchema>;
export type IntakeMode = z.infer<typeof intakeModeSchema>;

/** How many elements the satisfaction survey asks (PermenPANRB 14/2017: U1..U9). */
export const SURVEY_ELEMENT_COUNT = SURVEY_ELEMENT_CODES.length;

/**
 * The satisfaction survey after a resolved ticket. `question` 0..8 is an
 * element, SURVEY_ELEMENT_COUNT is the optional comment. `askedAt` is when the
 * current question went out: the survey lapses quietly after the draft expiry.
 */
const surveyModeSchema = z.object({
  type: z.literal("survey"),
  ticketId: z.string().min(1),
  ticketNumber: z.string().min(1),
  question: z.number().int().min(0).max(SURVEY_ELEMENT_COUNT),
  answers: z.array(z.number().int().min(1).max(4)).max(SURVEY_ELEMENT_COUNT),
  askedAt: isoTimestampSchema,
  failures,
});
export type SurveyMode = z.infer<typeof surveyModeSchema>;

export const modeSchema = z.discriminatedUnion("type", [
  /** Nothing asked yet: the next message gets the main menu. */
  z.object({ type: z.literal("idle") }),
  ...questionModeSchema.options,
  /** "Are you sure?" over the question the user was on. */
  z.object({ type: z.literal("confirmCancel"), returnTo: questionModeSchema }),
  /** Offered after repeated failed answers; anything else is tried as an answer again. */
  z.object({ type: z.literal("humanOffer"), returnTo: questionModeSchema }),
  /** createTicket was emitted; waiting for ticketCreated / ticketFailed. */
  z.object({ type: z.literal("submitting"), since: isoTimestampSchema }),
  /** "hapus data saya": are you sure? `returnTo` is the question the user was on, if any. */
  z.object({ type: z.literal("deleteConfirm"), returnTo: questionModeSchema.nullable() }),
  surveyModeSchema,
  /**
   * A human agent has the chat: messages go to the desk. The bot answers
   * only to say they arrived (the first, and after a silence), to leave, to
   * switch language, and when no agent answered in the service time. The
   * optional fields came after version 1; stored states without them read
   * as "no receipt yet, nothing offered".
   */
  z.object({
    type: z.literal("withAgent"),
    since: isoTimestampSchema,
    reason: handoffReasonSchema,
    /** When the user was last told their message reached the staff. */
    receiptAt: isoTimestampSchema.nullable().optional(),
    /** No agent answered in time: told so, and offered a ticket instead. */
    overdueAt: isoTimestampSchema.nullable().optional(),
    /** The offer's choices are on screen. */
    ticketOffered: z.boolean().optional(),
  }),
]);
export type Mode = z.infer<typeof modeSchema>;

export const conversationStateSchema = z.object({
  schemaVersion: z.literal(1),
  channel: channelSchema,
  language: languageSchema,
  /** E.164 number the channel vouches for (WhatsApp); Telegram and console must ask. */
  channelPhone: z.string().nullable(),
  mode: modeSchema,
  draft: draftSchema.nullable(),
  lastUserEventAt: isoTimestampSchema.nullable(),
  /** Told on the user's next message, e.g. that the draft expired while they were away. */
  pendingNotice: z.enum(["draftExpired"]).nullable(),
  /**
   * The contact's latest ticket still being worked on, so that what the user
   * sends meanwhile reaches its agents. Added after version 1 went out: stored
   * states without it read as null.
   */
  openTicket: z
    .object({ number: z.string().min(1), status: z.enum(TICKET_STATUSES) })
    .nullable()
    .default(null),
  /** A survey that arrived while the user was busy (a draft, an agent); offered once free. */
  pendingSurvey: z
    .object({
      ticketId: z.string().min(1),
      ticketNumber: z.string().min(1),
      at: isoTimestampSchema,
    })
    .nullable()
    .default(null),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

export interface InitialStateInput {
  readonly channel: Channel;
  readonly language?: z.infer<typeof languageSchema>;
  /** The sender's number as the channel reports it (WhatsApp), in any common format. */
  readonly channelPhone?: string | null;
}

export function initialState(input: InitialStateInput): ConversationState {
  const normalized =
    input.channelPhone === undefined || input.channelPhone === null
      ? null
      : normalizeIndonesianMobile(input.channelPhone);
  return {
    schemaVersion: 1,
    channel: input.channel,
    language: input.language ?? "id",
    channelPhone: normalized?.ok === true ? normalized.value : null,
    mode: { type: "idle" },
    draft: null,
    lastUserEventAt: null,
    pendingNotice: null,
    openTicket: null,
    pendingSurvey: null,
  };
}

export function emptyDraft(at: string, phone: string | null): Draft {
  return {
    startedAt: at,
    reminderSentAt: null,
    category: null,
    consentAt: null,
    name: null,
    nik: null,
    role: null,
    organisation: null,
    email: null,
    phone,
    tenderCode: null,
    bidDeadline: null,
    description: null,
    actingForOther: null,
    ktp: null,
    suratKuasa: null,
    screenshots: [],
    screenshotsDone: false,
  };
}
