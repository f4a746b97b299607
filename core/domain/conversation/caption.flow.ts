import { CAPTION_READ_AS_TEXT, type Localized } from "../../content/index.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, IntakeStep, Mode } from "./conversation-state.schema.ts";
import type { Ctx } from "./decision.ts";
import { takesFileAtRest } from "./relay.flow.ts";

/**
 * A caption is what the user wrote on a photo or a file. Where the bot takes
 * a file (a document question, a message for the agents) the file is the
 * answer and the app keeps the caption with it. Anywhere else the caption is
 * read as if it had been typed alone, and the user is told the file was not
 * kept: neither part disappears without a word.
 */

const FILE_STEPS: ReadonlySet<IntakeStep> = new Set<IntakeStep>([
  "ktp",
  "suratKuasa",
  "screenshots",
]);

/** The open question asks for a file (KTP, power of attorney, screenshots). */
export function isFileStep(mode: Mode): boolean {
  return mode.type === "intake" && FILE_STEPS.has(mode.step);
}

function takesFile(mode: Mode, state: ConversationState, event: UserEvent, ctx: Ctx): boolean {
  switch (mode.type) {
    case "intake":
      return FILE_STEPS.has(mode.step);
    case "humanOffer":
      // Anything but the offer's own options answers the question underneath.
      return takesFile(mode.returnTo, state, event, ctx);
    case "idle":
    case "menu":
      return takesFileAtRest(state, event, ctx);
    case "withAgent":
      return true;
    default:
      return false;
  }
}

/** The event to answer, and the notice to put first when a captioned file became its caption. */
export function captionInPlaceOfFile(
  state: ConversationState,
  event: UserEvent,
  ctx: Ctx,
): { event: UserEvent; notice: Localized | null } {
  if (event.type !== "media" || event.caption === undefined) return { event, notice: null };
  if (takesFile(state.mode, state, event, ctx)) return { event, notice: null };
  return {
    event: { type: "text", at: event.at, text: event.caption },
    notice: CAPTION_READ_AS_TEXT,
  };
}
