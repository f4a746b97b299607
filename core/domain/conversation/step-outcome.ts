import { INVALID_CHOICE, type Localized, MEDIA_ERRORS } from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { matchOption, type Option } from "./choice.matcher.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { Draft } from "./conversation-state.schema.ts";
import type { Ctx, Prompt } from "./decision.ts";
import { classifyMedia } from "./validators/media.classifier.ts";
import { unsupportedMedia } from "./validators/unsupported-media.ts";

/** What one answer did to the draft. */
export type StepOutcome =
  | { readonly type: "accepted"; readonly draft: Draft; readonly ack: Localized | null }
  /** Stay on the step and keep collecting (screenshots one by one). */
  | { readonly type: "collecting"; readonly draft: Draft; readonly reply: Prompt }
  /** `repeatQuestion`: the correction alone does not say what is expected. */
  | { readonly type: "rejected"; readonly error: Localized; readonly repeatQuestion: boolean }
  | { readonly type: "stale" }
  | { readonly type: "consentRefused" };

export const accepted = (draft: Draft, ack: Localized | null = null): StepOutcome => ({
  type: "accepted",
  draft,
  ack,
});
export const rejected = (error: Localized, repeatQuestion = false): StepOutcome => ({
  type: "rejected",
  error,
  repeatQuestion,
});

export type TextOrOutcome = { readonly type: "text"; readonly text: string } | StepOutcome;

/** For steps answered by typing: everything that is not text is turned away politely. */
export function expectText(event: UserEvent, ctx: Ctx): TextOrOutcome {
  switch (event.type) {
    case "text":
      return { type: "text", text: event.text };
    case "choice":
      return { type: "stale" };
    case "media":
      return classifyMedia(event, ctx.settings.maxUploadBytes).type === "unsupported"
        ? rejected(unsupportedMedia(event.kind, false), true)
        : rejected(MEDIA_ERRORS.documentNotExpected, true);
    case "contact":
      return rejected(MEDIA_ERRORS.contactNotExpected, true);
    default:
      return assertNever(event, "user event");
  }
}

export type ChoiceOrOutcome = { readonly type: "chosen"; readonly option: Option } | StepOutcome;

export function expectChoice(
  options: readonly Option[],
  event: UserEvent,
  ctx: Ctx,
): ChoiceOrOutcome {
  const match = matchOption(options, event);
  if (match.type === "matched") return { type: "chosen", option: match.option };
  if (match.type === "stale") return { type: "stale" };
  return rejected(notAChoice(event, ctx));
}

/** The correction for an answer that picks none of the offered options. */
export function notAChoice(event: UserEvent, ctx: Ctx): Localized {
  switch (event.type) {
    case "text":
    case "choice":
      return INVALID_CHOICE;
    case "media":
      return classifyMedia(event, ctx.settings.maxUploadBytes).type === "unsupported"
        ? unsupportedMedia(event.kind, false)
        : MEDIA_ERRORS.documentNotExpected;
    case "contact":
      return MEDIA_ERRORS.contactNotExpected;
    default:
      return assertNever(event, "user event");
  }
}
