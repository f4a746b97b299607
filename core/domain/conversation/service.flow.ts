import {
  COMPLAINT_EXPECTS_TEXT,
  complaintTooLong,
  complaintTooShort,
  STALE_CHOICE,
  STATUS_FORMAT_ERROR,
  serviceInfo,
} from "../../content/index.ts";
import { parseReferenceNumber } from "../shared/complaint-number.ts";
import { tidyText } from "../shared/text.normalizer.ts";
import { chooseFrom } from "./choice.step.ts";
import { complaintDueAt } from "./complaint.flow.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, QuestionMode } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision, prompt, replyOf } from "./decision.ts";
import type { FlowOutcome } from "./delegation.ts";
import { handOff } from "./handoff.start.ts";
import { startOrResume } from "./intake.flow.ts";
import { MENU_OPTION_IDS, menuOptions } from "./options.catalog.ts";
import { COMPLAINT_MAX_CHARS, COMPLAINT_MIN_CHARS } from "./prompt.renderer.ts";
import { notAChoice } from "./step-outcome.ts";
import { lookUpStatus, reject, repeat, show } from "./transitions.ts";
import { classifyMedia } from "./validators/media.classifier.ts";
import { unsupportedMedia } from "./validators/unsupported-media.ts";

/** The services of the main menu. */
export function answerMenu(
  state: ConversationState,
  mode: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): FlowOutcome {
  const choice = chooseFrom(state, mode, menuOptions(), event, ctx);
  if ("decision" in choice) return choice.decision;
  switch (choice.option.id) {
    case MENU_OPTION_IDS.apply:
      return startOrResume(state, ctx);
    case MENU_OPTION_IDS.status:
      return show(state, { type: "statusAsk", failures: 0 }, ctx);
    case MENU_OPTION_IDS.info:
      // The standard itself, with the menu still selectable underneath.
      return decision(
        { ...state, mode: { type: "menu", failures: 0 } },
        replyOf(
          state.language,
          prompt(serviceInfo(ctx.settings.officeEmail, ctx.settings.openingHours), menuOptions()),
        ),
      );
    case MENU_OPTION_IDS.complaint:
      return show(state, { type: "complaintAsk", failures: 0 }, ctx);
    // Picked from the menu or typed ("data saya", "hapus data saya"): one path.
    case MENU_OPTION_IDS.myData:
    case MENU_OPTION_IDS.deleteData:
      return {
        delegate: "command",
        state: { ...state, mode: { type: "menu", failures: 0 } },
        command: { type: choice.option.id === MENU_OPTION_IDS.myData ? "myData" : "deleteData" },
      };
    default:
      return handOff(state, "userRequest", ctx);
  }
}

export function answerStatusAsk(
  state: ConversationState,
  mode: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  if (event.type === "choice") return repeat({ ...state, mode }, ctx, [STALE_CHOICE]);
  if (event.type !== "text") return reject(state, mode, notAChoice(event, ctx), ctx, true);
  const ticketNumber = parseReferenceNumber(event.text);
  return ticketNumber === null
    ? reject(state, mode, STATUS_FORMAT_ERROR, ctx)
    : lookUpStatus({ ...state, mode }, ticketNumber);
}

/** A complaint about the service itself, passed on to the Analis Pelayanan. */
export function answerComplaint(
  state: ConversationState,
  mode: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  if (event.type === "choice") return repeat({ ...state, mode }, ctx, [STALE_CHOICE]);
  if (event.type === "media") {
    const unsupported = classifyMedia(event, ctx.settings.maxUploadBytes).type === "unsupported";
    return reject(
      state,
      mode,
      unsupported ? unsupportedMedia(event.kind, false) : COMPLAINT_EXPECTS_TEXT,
      ctx,
    );
  }
  if (event.type === "contact") return reject(state, mode, COMPLAINT_EXPECTS_TEXT, ctx);
  const text = event.text.trim();
  if (tidyText(text).length < COMPLAINT_MIN_CHARS) {
    return reject(state, mode, complaintTooShort(COMPLAINT_MIN_CHARS), ctx);
  }
  if (text.length > COMPLAINT_MAX_CHARS) {
    return reject(state, mode, complaintTooLong(COMPLAINT_MAX_CHARS), ctx);
  }
  // The receipt, with the complaint's number, follows on complaintFiled.
  return decision(
    { ...state, mode: { type: "idle" } },
    {
      type: "fileComplaint",
      text,
      language: state.language,
      dueAt: complaintDueAt(ctx.at, ctx.settings.complaintResponseDays, ctx.settings.calendar),
    },
  );
}
