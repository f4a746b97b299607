import {
  HANDOFF_KEEP_WAITING,
  HANDOFF_LEAVE_WORDS,
  HANDOFF_LEFT,
  HANDOFF_OFFER_OPTIONS,
  HANDOFF_STILL_WAITING,
  HELP_TEXT,
  handoffOverdue,
  handoffReceipt,
  LANGUAGE_CHANGED,
  type Language,
  type Localized,
} from "../../content/index.ts";
import { normalizeForMatch } from "../shared/text.normalizer.ts";
import { matchOption, type Option } from "./choice.matcher.ts";
import type { Effect, HandoffLeaving } from "./conversation-effect.types.ts";
import type { HandoffCheckEvent, UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, Mode } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, prompt, replyOf, textReply } from "./decision.ts";
import { parseGlobalCommand } from "./global-command.parser.ts";
import { answerWhen } from "./handoff.start.ts";
import { startOrResume } from "./intake.flow.ts";
import { relayWithAgent } from "./relay.flow.ts";
import { lookUpStatus, showMenu } from "./transitions.ts";

/**
 * While the chat waits for (or is with) an agent: messages go to the desk,
 * and the bot speaks only where silence would look broken. It says the
 * first message arrived and who answers when, and again after a silence;
 * lets "menu", "batal" and "selesai" leave (the agents are told) and
 * "bahasa" switch; and once the service time passed with no answer, offers
 * a ticket instead.
 */

type WithAgent = Extract<Mode, { type: "withAgent" }>;

export const HANDOFF_TICKET_ID = "handoff.ticket";
export const HANDOFF_WAIT_ID = "handoff.wait";

export function handoffOfferOptions(): Option[] {
  return [
    { id: HANDOFF_TICKET_ID, ...HANDOFF_OFFER_OPTIONS.ticket },
    { id: HANDOFF_WAIT_ID, ...HANDOFF_OFFER_OPTIONS.wait },
  ];
}

const LEAVE_WORDS = new Set(HANDOFF_LEAVE_WORDS.map(normalizeForMatch));

function withMode(state: ConversationState, mode: WithAgent, at: string): ConversationState {
  return { ...state, mode, lastUserEventAt: at };
}

function receipt(mode: WithAgent, ctx: Ctx): Localized {
  return handoffReceipt(answerWhen(mode.since, ctx), ctx.settings.openingHours);
}

/** Out of the wait: the desk hears it, the user gets the menu (or the intake they chose). */
function leave(state: ConversationState, how: HandoffLeaving, ctx: Ctx): Decision {
  const idle: ConversationState = { ...state, mode: { type: "idle" }, lastUserEventAt: ctx.at };
  const told: Effect = { type: "leaveHandoff", how };
  const next = how === "ticket" ? startOrResume(idle, ctx) : showMenu(idle, [HANDOFF_LEFT]);
  const effects =
    how === "ticket"
      ? [told, textReply(state.language, HANDOFF_LEFT), ...next.effects]
      : [told, ...next.effects];
  return { state: next.state, effects };
}

function switchLanguage(
  state: ConversationState,
  mode: WithAgent,
  target: Language | "toggle",
  ctx: Ctx,
): Decision {
  const language: Language = target === "toggle" ? (state.language === "id" ? "en" : "id") : target;
  return decision(
    withMode({ ...state, language }, mode, ctx.at),
    { type: "setLanguage", language },
    textReply(language, LANGUAGE_CHANGED, HANDOFF_STILL_WAITING),
  );
}

/** Commands that still work while waiting; null: the message is for the agent. */
function commandWithAgent(
  state: ConversationState,
  mode: WithAgent,
  event: UserEvent,
  ctx: Ctx,
): Decision | null {
  if (event.type !== "text") return null;
  if (LEAVE_WORDS.has(normalizeForMatch(event.text))) return leave(state, "done", ctx);
  const command = parseGlobalCommand(event.text);
  switch (command?.type) {
    case "menu":
      return leave(state, "menu", ctx);
    case "cancel":
      return leave(state, "cancel", ctx);
    case "language":
      return switchLanguage(state, mode, command.target, ctx);
    case "agent":
      // Asking again is asking whether anyone is there: the receipt answers.
      return decision(
        withMode(state, { ...mode, receiptAt: ctx.at }, ctx.at),
        textReply(state.language, receipt(mode, ctx)),
      );
    case "help":
      return decision(
        withMode(state, mode, ctx.at),
        textReply(state.language, HELP_TEXT, HANDOFF_STILL_WAITING),
      );
    case "status":
      return command.ticketNumber === null
        ? null
        : lookUpStatus(withMode(state, mode, ctx.at), command.ticketNumber);
    default:
      return null;
  }
}

/** The ticket-or-wait offer, while it is on screen; null when the message picks neither. */
function answerOffer(
  state: ConversationState,
  mode: WithAgent,
  event: UserEvent,
  ctx: Ctx,
): Decision | null {
  if (mode.ticketOffered !== true) return null;
  // Strict: "saya mau tiket saya diproses" is a message for the agent.
  const match = matchOption(handoffOfferOptions(), event, { loose: false });
  if (match.type !== "matched") return null;
  if (match.option.id === HANDOFF_TICKET_ID) return leave(state, "ticket", ctx);
  return decision(
    withMode(state, { ...mode, ticketOffered: false, receiptAt: ctx.at }, ctx.at),
    textReply(state.language, HANDOFF_KEEP_WAITING),
  );
}

/** Whether this message earns a receipt: the first since the hand-off, or one after a silence. */
function receiptDue(state: ConversationState, mode: WithAgent, ctx: Ctx): boolean {
  if (mode.receiptAt === null || mode.receiptAt === undefined) return true;
  const last = state.lastUserEventAt;
  return last !== null && ctx.atMs - Date.parse(last) >= ctx.settings.handoffReceiptQuietMs;
}

export function answerWithAgent(state: ConversationState, event: UserEvent, ctx: Ctx): Decision {
  if (state.mode.type !== "withAgent") return relayWithAgent(state, event, ctx);
  const mode = state.mode;
  const handled = answerOffer(state, mode, event, ctx) ?? commandWithAgent(state, mode, event, ctx);
  if (handled !== null) return handled;
  if (event.type === "choice") {
    // A button of an earlier message: nothing for the agent, but not silence either.
    return decision(
      withMode(state, mode, ctx.at),
      textReply(state.language, HANDOFF_STILL_WAITING),
    );
  }
  const relayed = relayWithAgent(state, event, ctx);
  if (!receiptDue(state, mode, ctx)) return relayed;
  return {
    state: withMode(relayed.state, { ...mode, receiptAt: ctx.at }, ctx.at),
    effects: [...relayed.effects, textReply(state.language, receipt(mode, ctx))],
  };
}

/**
 * The hand-off's service time is up. Still waiting and nobody answered:
 * say so, once, and offer a ticket instead of the wait.
 */
export function onHandoffCheck(
  state: ConversationState,
  event: HandoffCheckEvent,
  ctx: Ctx,
): Decision {
  const { mode } = state;
  if (mode.type !== "withAgent" || mode.since !== event.since || event.answered) {
    return decision(state);
  }
  if (mode.overdueAt !== null && mode.overdueAt !== undefined) return decision(state);
  return decision(
    { ...state, mode: { ...mode, overdueAt: ctx.at, ticketOffered: true } },
    replyOf(
      state.language,
      prompt(handoffOverdue(ctx.settings.handoffAnswerMinutes), handoffOfferOptions()),
    ),
  );
}
