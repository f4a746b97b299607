import { documentAttached, relayedToTicket } from "../../content/index.ts";
import type { Effect, RelayContent } from "./conversation-effect.types.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, textReply } from "./decision.ts";
import { classifyMedia } from "./validators/media.classifier.ts";

/**
 * What the user sends for a human: everything while an agent has the chat,
 * and free messages at rest while a ticket of theirs is open. The app stores
 * it (sealed) and posts it to the agents; the files stay with the ticket.
 */

/** While an agent has the chat everything goes over, the unforwardable as a note. */
export function relayContentWithAgent(event: UserEvent): RelayContent | null {
  switch (event.type) {
    case "text":
      return event.text.trim() === "" ? null : { kind: "text", text: event.text };
    case "contact":
      return { kind: "text", text: event.phone };
    case "media":
      // A stored file's caption is kept on the file itself (the app seals it there).
      if (event.mediaId !== null)
        return { kind: "media", mediaId: event.mediaId, mime: event.mime };
      return {
        kind: "unsupported",
        mediaKind: event.kind,
        ...(event.caption === undefined ? {} : { caption: event.caption }),
      };
    case "choice":
      // A button of an earlier bot message: nothing the agent needs.
      return null;
    default:
      return null;
  }
}

/** At rest only what plainly is a message: text, or a file we accept. */
function relayContentAtRest(event: UserEvent, ctx: Ctx): RelayContent | null {
  if (event.type === "text") {
    return event.text.trim() === "" ? null : { kind: "text", text: event.text };
  }
  if (event.type === "media" && event.mediaId !== null) {
    return classifyMedia(event, ctx.settings.maxUploadBytes).type === "unsupported"
      ? null
      : { kind: "media", mediaId: event.mediaId, mime: event.mime };
  }
  return null;
}

export function relayWithAgent(state: ConversationState, event: UserEvent, ctx: Ctx): Decision {
  const content = relayContentWithAgent(event);
  const next = { ...state, lastUserEventAt: ctx.at };
  if (content === null) return decision(next);
  return decision(next, {
    type: "relayToDesk",
    content,
    ticketNumber: state.openTicket?.number ?? null,
  });
}

/** Whether a file sent at rest goes to the open ticket's agents. */
export function takesFileAtRest(state: ConversationState, event: UserEvent, ctx: Ctx): boolean {
  return (
    state.openTicket !== null && event.type === "media" && relayContentAtRest(event, ctx) !== null
  );
}

/** A free message about the open ticket: to its agents, with a short receipt. Null: not one. */
export function relayAtRest(state: ConversationState, event: UserEvent, ctx: Ctx): Decision | null {
  const ticket = state.openTicket;
  if (ticket === null) return null;
  const content = relayContentAtRest(event, ctx);
  if (content === null) return null;
  const receipt =
    content.kind === "media" && ticket.status === "MENUNGGU_PENGGUNA"
      ? documentAttached(ticket.number)
      : relayedToTicket(ticket.number);
  return decision(
    { ...state, mode: { type: "idle" } },
    { type: "relayToDesk", content, ticketNumber: ticket.number },
    textReply(state.language, receipt),
  );
}

/** Files handed to the desk belong to the ticket or chat now, not to a draft. */
export function relayedMediaIds(effects: readonly Effect[]): string[] {
  return effects.flatMap((effect) =>
    effect.type === "relayToDesk" && effect.content.kind === "media"
      ? [effect.content.mediaId]
      : [],
  );
}
