import { STALE_CHOICE } from "../../content/index.ts";
import { chooseFrom } from "./choice.step.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, QuestionMode } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision } from "./decision.ts";
import { editableSteps } from "./intake.checklist.ts";
import { editOptionId, editOptions, summaryOptions } from "./options.catalog.ts";
import { buildTicketDraft } from "./ticket-draft.builder.ts";
import { repeat, show, showMenu } from "./transitions.ts";

export function answerSummary(
  state: ConversationState,
  mode: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  const { draft } = state;
  if (draft === null) return showMenu(state);
  const choice = chooseFrom(state, mode, summaryOptions(), event, ctx);
  if ("decision" in choice) return choice.decision;
  switch (choice.option.id) {
    case "summary.confirm": {
      const ticket = buildTicketDraft(draft, ctx.settings, state.language);
      if (!ticket.ok) {
        return show(
          state,
          { type: "intake", step: ticket.error, failures: 0, editing: false },
          ctx,
        );
      }
      return decision(
        { ...state, mode: { type: "submitting", since: ctx.at } },
        { type: "createTicket", draft: ticket.value },
      );
    }
    case "summary.edit":
      return show(state, { type: "editPick", failures: 0 }, ctx);
    default:
      return show(
        state,
        { type: "confirmCancel", returnTo: { type: "summary", failures: 0 } },
        ctx,
      );
  }
}

/** "Which answer to change?": the chosen question is asked again, then back to the summary. */
export function answerEditPick(
  state: ConversationState,
  mode: QuestionMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  const { draft } = state;
  if (draft === null) return showMenu(state);
  const choice = chooseFrom(state, mode, editOptions(draft, ctx.settings), event, ctx);
  if ("decision" in choice) return choice.decision;
  const step = editableSteps(draft, ctx.settings).find(
    (candidate) => editOptionId(candidate) === choice.option.id,
  );
  if (step === undefined) return repeat({ ...state, mode }, ctx, [STALE_CHOICE]);
  return show(state, { type: "intake", step, failures: 0, editing: true }, ctx);
}
