import {
  CHANNEL_NAMES,
  DELETE_KEPT,
  DELETION_ALREADY_PENDING,
  DOCUMENT_KIND_NAMES,
  deletionPendingNote,
  deletionRequested,
  INVALID_CHOICE,
  LANGUAGE_NAMES,
  type Localized,
  linkedTicketsNote,
  localized,
  MY_DATA_HEADER,
  moreTickets,
  myDataComplaints,
  myDataContact,
  myDataFooter,
  myDataTicket,
  NO_TICKETS,
  paragraphs,
  STALE_CHOICE,
  spokenDateTime,
  TICKET_STATUS_TEXT,
} from "../../content/index.ts";
import { aside } from "./aside.ts";
import { matchOption } from "./choice.matcher.ts";
import { findCategory } from "./conversation.settings.ts";
import type {
  DeletionResultEvent,
  MyDataSnapshot,
  UserEvent,
} from "./conversation-event.schema.ts";
import type { ConversationState, Mode, QuestionMode } from "./conversation-state.schema.ts";
import { questionModeSchema } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision } from "./decision.ts";
import { deleteOptions } from "./options.catalog.ts";
import { repeat, show, showMenu } from "./transitions.ts";

/**
 * The data rights of UU 27/2022 in the chat: "data saya" shows what we hold
 * (masked), "hapus data saya" asks a supervisor to erase it. The app gathers
 * and masks the data; the engine only words it.
 */

export function renderMyData(data: MyDataSnapshot, ctx: Ctx): Localized {
  const same = (value: string) => localized(value, value);
  const tickets = data.tickets.map((ticket) =>
    myDataTicket({
      number: ticket.number,
      category: findCategory(ctx.settings, ticket.category)?.label ?? same(ticket.category),
      status: TICKET_STATUS_TEXT[ticket.status].label,
      created: spokenDateTime(ticket.createdAt),
      closed: ticket.closedAt === null ? null : spokenDateTime(ticket.closedAt),
      name: ticket.name,
      nikMasked: ticket.nikMasked,
      emailMasked: ticket.emailMasked,
      organisation: ticket.organisation,
      anonymised: ticket.anonymised,
      documents: ticket.documents.map((doc) => ({
        kind: DOCUMENT_KIND_NAMES[doc.kind] ?? same(doc.kind),
        created: spokenDateTime(doc.createdAt),
        purged: doc.purged,
      })),
    }),
  );
  return paragraphs(
    MY_DATA_HEADER,
    myDataContact(CHANNEL_NAMES[data.channel], LANGUAGE_NAMES[data.language], data.phoneMasked),
    ...(tickets.length === 0 ? [NO_TICKETS] : tickets),
    ...(data.moreTickets > 0 ? [moreTickets(data.moreTickets)] : []),
    ...(data.linkedTickets > 0 ? [linkedTicketsNote(data.linkedTickets)] : []),
    myDataComplaints(data.complaints),
    ...(data.deletionPendingSince === null
      ? []
      : [deletionPendingNote(spokenDateTime(data.deletionPendingSince))]),
    myDataFooter(ctx.settings.retentionAttachmentDays, ctx.settings.retentionPersonalDays),
  );
}

export function onMyDataResult(state: ConversationState, data: MyDataSnapshot, ctx: Ctx): Decision {
  return aside(state, renderMyData(data, ctx), ctx);
}

/** The question to come back to after "no, keep my data". */
function questionUnder(mode: Mode): QuestionMode | null {
  if (mode.type === "confirmCancel" || mode.type === "humanOffer") return mode.returnTo;
  if (mode.type === "deleteConfirm") return mode.returnTo;
  const parsed = questionModeSchema.safeParse(mode);
  return parsed.success ? parsed.data : null;
}

export function askDeletion(state: ConversationState, ctx: Ctx): Decision {
  return show(state, { type: "deleteConfirm", returnTo: questionUnder(state.mode) }, ctx);
}

/** "No": back where the user was, or the menu. */
export function keepData(
  state: ConversationState,
  returnTo: QuestionMode | null,
  ctx: Ctx,
): Decision {
  return returnTo === null
    ? showMenu(state, [DELETE_KEPT])
    : show(state, returnTo, ctx, [DELETE_KEPT]);
}

export function answerDeleteConfirm(
  state: ConversationState,
  returnTo: QuestionMode | null,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  const match = matchOption(deleteOptions(), event, { loose: false });
  if (match.type === "stale") return repeat(state, ctx, [STALE_CHOICE]);
  if (match.type === "none") return repeat(state, ctx, [INVALID_CHOICE]);
  if (match.option.id !== "delete.confirm") return keepData(state, returnTo, ctx);
  // The answer comes with deletionResult, once the app knows whether one is pending.
  return decision({ ...state, mode: { type: "idle" } }, { type: "requestDeletion" });
}

export function onDeletionResult(
  state: ConversationState,
  event: DeletionResultEvent,
  ctx: Ctx,
): Decision {
  const text =
    event.outcome === "requested"
      ? deletionRequested(event.openTicketNumber)
      : DELETION_ALREADY_PENDING;
  return aside(state, text, ctx);
}
