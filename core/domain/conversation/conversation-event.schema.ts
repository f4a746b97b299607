import { z } from "zod";
import { TICKET_STATUSES } from "../../content/index.ts";
import { isoTimestampSchema } from "./conversation-state.schema.ts";

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
export const handoffEndedEventSchema = z.object({ type: z.literal("handoffEnded"), at });

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
]);

export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type TextEvent = z.infer<typeof textEventSchema>;
export type ChoiceEvent = z.infer<typeof choiceEventSchema>;
export type MediaEvent = z.infer<typeof mediaEventSchema>;
export type ContactEvent = z.infer<typeof contactEventSchema>;
export type UserEvent = TextEvent | ChoiceEvent | MediaEvent | ContactEvent;
export type TimeoutEvent = z.infer<typeof timeoutEventSchema>;
export type StatusResultEvent = z.infer<typeof statusResultEventSchema>;
