import { INVALID_CHOICE, ROLES } from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { matchOption } from "./choice.matcher.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, Draft, IntakeStep } from "./conversation-state.schema.ts";
import type { Ctx } from "./decision.ts";
import { answerScreenshots, answerSingleDocument } from "./document-answer.step.ts";
import {
  actingOptions,
  categoryOptionId,
  categoryOptions,
  consentOptions,
  keepOption,
  roleOptionId,
  roleOptions,
} from "./options.catalog.ts";
import { canKeep } from "./prompt.renderer.ts";
import { accepted, expectChoice, expectText, rejected, type StepOutcome } from "./step-outcome.ts";
import { answerPhone, answerText } from "./text-answer.step.ts";

export type { StepOutcome } from "./step-outcome.ts";

/**
 * Keeping an answer needs the button, "1" (its number in a rendered list) or
 * one of its exact words; loose word matching could swallow a real answer.
 */
function isKeep(event: UserEvent): boolean {
  return matchOption([keepOption()], event, { loose: false }).type === "matched";
}

/** Applies one user event to the current intake step. */
export function answerStep(
  step: IntakeStep,
  draft: Draft,
  event: UserEvent,
  state: ConversationState,
  ctx: Ctx,
): StepOutcome {
  if (canKeep(step, draft, ctx) && isKeep(event)) return accepted(draft);

  switch (step) {
    case "category": {
      const choice = expectChoice(categoryOptions(ctx.settings), event, ctx);
      if (choice.type !== "chosen") return choice;
      const category = ctx.settings.categories.find(
        (candidate) => categoryOptionId(candidate.id) === choice.option.id,
      );
      return category === undefined
        ? rejected(INVALID_CHOICE)
        : accepted({ ...draft, category: category.id });
    }
    case "consent": {
      const choice = expectChoice(consentOptions(), event, ctx);
      if (choice.type !== "chosen") return choice;
      return choice.option.id === "consent.agree"
        ? accepted({ ...draft, consentAt: ctx.at })
        : { type: "consentRefused" };
    }
    case "role": {
      const choice = expectChoice(roleOptions(), event, ctx);
      if (choice.type !== "chosen") return choice;
      const role = ROLES.find((candidate) => roleOptionId(candidate.id) === choice.option.id);
      return role === undefined ? rejected(INVALID_CHOICE) : accepted({ ...draft, role: role.id });
    }
    case "actingForOther": {
      const choice = expectChoice(actingOptions(), event, ctx);
      if (choice.type !== "chosen") return choice;
      // Someone acting for themselves needs no power of attorney; an earlier upload is dropped.
      return choice.option.id === "acting.yes"
        ? accepted({ ...draft, actingForOther: true })
        : accepted({ ...draft, actingForOther: false, suratKuasa: null });
    }
    case "phone":
      return answerPhone(draft, event, ctx);
    case "name":
    case "nik":
    case "organisation":
    case "email":
    case "tenderCode":
    case "bidDeadline":
    case "description": {
      const input = expectText(event, ctx);
      return input.type === "text" ? answerText(step, draft, input.text, ctx) : input;
    }
    case "ktp":
    case "suratKuasa":
      return answerSingleDocument(step, draft, event, ctx);
    case "screenshots":
      return answerScreenshots(draft, event, state, ctx);
    default:
      return assertNever(step, "intake step");
  }
}
