import { z } from "zod";
import { type Language, ROLE_IDS } from "../../content/index.ts";
import type { ArticleActivityEffect } from "./article-effect.types.ts";
import {
  type HandoffReason,
  isoTimestampSchema,
  languageSchema,
} from "./conversation-state.schema.ts";

/** What the app layer must do after a decision; the engine itself does nothing. */

export interface Choice {
  readonly id: string;
  readonly label: string;
}

export interface ReplyEffect {
  readonly type: "reply";
  readonly text: string;
  /** Rendered by each channel its own way (buttons, numbered list). */
  readonly choices?: readonly Choice[];
  /** Telegram shows a "share contact" keyboard button. */
  readonly requestContact?: true;
}

export const ATTACHMENT_KINDS = ["KTP", "SURAT_KUASA", "SCREENSHOT"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The complete, validated request handed over for ticket creation. */
export const ticketDraftSchema = z.object({
  category: z.string().min(1),
  name: z.string().min(1),
  nik: z.string().regex(/^\d{16}$/u),
  role: z.enum(ROLE_IDS),
  organisation: z.string().min(1),
  email: z.string().min(3),
  phone: z.string().regex(/^\+628\d{8,11}$/u),
  tenderCode: z.string().regex(/^\d+$/u).optional(),
  bidDeadline: isoTimestampSchema.optional(),
  description: z.string().min(1),
  actingForOther: z.boolean(),
  attachments: z.array(z.object({ mediaId: z.string().min(1), kind: z.enum(ATTACHMENT_KINDS) })),
  consentAt: isoTimestampSchema,
  language: languageSchema,
});
export type TicketDraft = z.infer<typeof ticketDraftSchema>;

export type HandoffLeaving = "menu" | "cancel" | "done" | "ticket";

export type RelayContent =
  | { readonly kind: "text"; readonly text: string }
  /** A stored file (already checked and sealed by the app). */
  | { readonly kind: "media"; readonly mediaId: string; readonly mime: string | null }
  /**
   * Something that cannot be forwarded (a sticker, a video): the agent is told
   * what it was, and reads the caption the user wrote on it, if any.
   */
  | { readonly kind: "unsupported"; readonly mediaKind: string; readonly caption?: string };

export type Effect =
  | ReplyEffect
  | { readonly type: "createTicket"; readonly draft: TicketDraft }
  | {
      readonly type: "handOff";
      readonly reason: HandoffReason;
      /** Where the user was, e.g. "intake:nik", so the agent knows what went wrong. */
      readonly context: string;
      /** When the hand-off began (the check's key) and when an agent should have answered. */
      readonly since: string;
      readonly answerBy: string;
    }
  /** The user left the wait for an agent: the agents' topic is told. */
  | { readonly type: "leaveHandoff"; readonly how: HandoffLeaving }
  /** `ticketNumber` is a ticket's (LDK-…) or a complaint's (ADU-…) number. */
  | { readonly type: "lookupStatus"; readonly ticketNumber: string }
  /** Answered with complaintFiled; `dueAt`: when the office answers at the latest. */
  | {
      readonly type: "fileComplaint";
      readonly text: string;
      readonly language: Language;
      readonly dueAt: string;
    }
  | { readonly type: "setLanguage"; readonly language: Language }
  /** "data saya": gather what we hold about the contact; answered with myDataResult. */
  | { readonly type: "showMyData" }
  /** "hapus data saya", confirmed: a request for a supervisor; answered with deletionResult. */
  | { readonly type: "requestDeletion" }
  /**
   * Something the user sent that an agent must see: while an agent has the
   * chat, or about an open ticket. `ticketNumber` null: the handoff chat.
   */
  | {
      readonly type: "relayToDesk";
      readonly content: RelayContent;
      readonly ticketNumber: string | null;
    }
  /** The survey answered to the end: U1..U9 in order, and the optional comment. */
  | {
      readonly type: "saveSurvey";
      readonly ticketId: string;
      readonly answers: readonly number[];
      readonly comment: string | null;
    }
  /** The user declined the survey ("lewati"). */
  | { readonly type: "skipSurvey"; readonly ticketId: string }
  /** Stored files no longer referenced by any draft (cancelled, replaced, expired, rejected). */
  | { readonly type: "discardMedia"; readonly mediaIds: readonly string[] }
  | ArticleActivityEffect;
