// What crosses from a channel into the app, and from the app out to a channel.
// Channels parse their own wire formats into these; the app parses these again
// at its door, so a channel bug cannot put bad data into a conversation.
import { z } from "zod";
import { MEDIA_KINDS } from "../domain/conversation/conversation-event.schema.ts";

export const CHANNELS = ["WHATSAPP", "TELEGRAM", "CONSOLE", "EMAIL"] as const;
export const channelSchema = z.enum(CHANNELS);
export type ChannelName = z.infer<typeof channelSchema>;

/** Longest text we take from a user; WhatsApp allows 65k, nobody needs that. */
export const MAX_INBOUND_TEXT = 4000;

export const senderSchema = z.object({
  /** The channel's own id of the user: a Telegram chat id, a WhatsApp JID. */
  externalId: z.string().min(1).max(200),
  displayName: z.string().max(200).optional(),
  /** Known phone number (WhatsApp gives it), E.164 or local form. */
  phone: z.string().max(40).optional(),
});
export type Sender = z.infer<typeof senderSchema>;

export const inboundContentSchema = z.discriminatedUnion("type", [
  // Longer texts are cut to MAX_INBOUND_TEXT by the pipeline rather than refused.
  z.object({ type: z.literal("text"), text: z.string().max(65_536) }),
  z.object({ type: z.literal("choice"), optionId: z.string().min(1).max(100) }),
  z.object({
    type: z.literal("media"),
    /** "viewOnce": a view-once photo or video, never kept (a linked device gets no content). */
    kind: z.enum(MEDIA_KINDS),
    mime: z.string().max(200).nullable(),
    size: z.number().int().nonnegative().nullable(),
    /** Id of the stored (encrypted) file; null when nothing was stored. */
    mediaId: z.string().uuid().nullable(),
    /**
     * Why a received file was refused, when the reason needs its own answer:
     * a PDF with scripts, actions or files inside (nothing was stored).
     */
    refusal: z.enum(["activeContent"]).optional(),
    /**
     * What the user wrote with the file (a Telegram caption, a WhatsApp
     * image/document caption). Personal free text: sealed at rest, never logged.
     * Cut to MAX_INBOUND_TEXT by the pipeline like any text.
     */
    caption: z.string().max(65_536).optional(),
  }),
  z.object({ type: z.literal("contact"), phone: z.string().min(3).max(40) }),
]);
export type InboundContent = z.infer<typeof inboundContentSchema>;

export const inboundMessageSchema = z.object({
  channel: channelSchema,
  /** Unique per channel: Telegram update_id, WhatsApp message key id. Claimed once. */
  messageId: z.string().min(1).max(200),
  sender: senderSchema,
  at: z.iso.datetime({ offset: true }),
  content: inboundContentSchema,
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export const textBodySchema = z.object({
  kind: z.literal("text"),
  text: z.string().min(1),
  choices: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
  requestContact: z.boolean().optional(),
  /**
   * The text carries the markers of core/content/markup.ts (bold, lists,
   * references to choices), rendered by each channel. Without it the text is
   * plain and shown as it is (an agent's words, rows queued before markers).
   */
  markup: z.boolean().optional(),
});
export type TextBody = z.infer<typeof textBodySchema>;

/**
 * A stored file (a generated PDF, a document an agent forwards) sent to the
 * user. The send-log holds only the attachment's id; the sender decrypts it.
 */
export const documentBodySchema = z.object({
  kind: z.literal("document"),
  attachmentId: z.uuid(),
  fileName: z.string().min(1).max(200),
  caption: z.string().max(1000).optional(),
});
export type DocumentBody = z.infer<typeof documentBodySchema>;

export const outboundBodySchema = z.discriminatedUnion("kind", [
  textBodySchema,
  documentBodySchema,
]);
export type OutboundBody = z.infer<typeof outboundBodySchema>;

/** The job that tells the owning process to send one send-log row. */
export const outboundJobSchema = z.object({ outboundMessageId: z.string().uuid() });

export const ticketCreatedJobSchema = z.object({ ticketId: z.string().uuid() });

export const handoffRequestedJobSchema = z.object({
  contactId: z.string().uuid(),
  context: z.string().max(200),
});
