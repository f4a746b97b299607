import {
  CAPTION_KEPT,
  KTP_RECEIVED,
  type Localized,
  MEDIA_ERRORS,
  paragraphs,
  SCREENSHOTS_CLEARED,
  SURAT_KUASA_RECEIVED,
  screenshotReceived,
} from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { matchOption } from "./choice.matcher.ts";
import type { MediaEvent, UserEvent } from "./conversation-event.schema.ts";
import type { ConversationState, Draft } from "./conversation-state.schema.ts";
import { type Ctx, prompt } from "./decision.ts";
import { screenshotOptions } from "./options.catalog.ts";
import { intakePrompt } from "./prompt.renderer.ts";
import { accepted, rejected, type StepOutcome } from "./step-outcome.ts";
import { classifyMedia } from "./validators/media.classifier.ts";
import { unsupportedMedia } from "./validators/unsupported-media.ts";

/** The file is the answer; a caption written on it stays with the file, and the user hears so. */
const received = (ack: Localized, event: MediaEvent): Localized =>
  event.caption === undefined ? ack : paragraphs(ack, CAPTION_KEPT);

/** KTP (photo only) and surat kuasa (photo or PDF): one file replaces the previous one. */
export function answerSingleDocument(
  step: "ktp" | "suratKuasa",
  draft: Draft,
  event: UserEvent,
  ctx: Ctx,
): StepOutcome {
  switch (event.type) {
    case "text":
      return rejected(
        step === "ktp" ? MEDIA_ERRORS.expectedKtp : MEDIA_ERRORS.expectedSuratKuasa,
        true,
      );
    case "choice":
      return { type: "stale" };
    case "contact":
      return rejected(MEDIA_ERRORS.contactNotExpected, true);
    case "media": {
      const media = classifyMedia(event, ctx.settings.maxUploadBytes);
      switch (media.type) {
        case "unsupported":
        case "tooLarge":
        case "missing":
        case "unsafe":
          return refusedFile(media.type, event, ctx);
        case "pdf":
          if (step === "ktp") return rejected(MEDIA_ERRORS.ktpMustBePhoto);
          return accepted(
            { ...draft, suratKuasa: { mediaId: media.mediaId, mime: media.mime } },
            received(SURAT_KUASA_RECEIVED, event),
          );
        case "image": {
          const stored = { mediaId: media.mediaId, mime: media.mime };
          return step === "ktp"
            ? accepted({ ...draft, ktp: stored }, received(KTP_RECEIVED, event))
            : accepted({ ...draft, suratKuasa: stored }, received(SURAT_KUASA_RECEIVED, event));
        }
        default:
          return assertNever(media, "media class");
      }
    }
    default:
      return assertNever(event, "user event");
  }
}

const megabytes = (ctx: Ctx) => Math.floor(ctx.settings.maxUploadBytes / (1024 * 1024));

/** The same answer at every document step for a file we cannot take. */
function refusedFile(
  reason: "unsupported" | "tooLarge" | "missing" | "unsafe",
  event: MediaEvent,
  ctx: Ctx,
): StepOutcome {
  switch (reason) {
    case "unsupported":
      return rejected(unsupportedMedia(event.kind, true));
    case "tooLarge":
      return rejected(MEDIA_ERRORS.tooLarge(megabytes(ctx)));
    case "missing":
      return rejected(MEDIA_ERRORS.missingFile);
    case "unsafe":
      return rejected(MEDIA_ERRORS.unsafePdf);
    default:
      return assertNever(reason, "refused file");
  }
}

export function answerScreenshots(
  draft: Draft,
  event: UserEvent,
  state: ConversationState,
  ctx: Ctx,
): StepOutcome {
  const max = ctx.settings.maxScreenshots;
  if (event.type === "media") {
    const media = classifyMedia(event, ctx.settings.maxUploadBytes);
    switch (media.type) {
      case "unsupported":
      case "tooLarge":
      case "missing":
      case "unsafe":
        return refusedFile(media.type, event, ctx);
      case "pdf":
        return rejected(MEDIA_ERRORS.screenshotMustBeImage);
      case "image": {
        if (draft.screenshots.length >= max) return rejected(MEDIA_ERRORS.screenshotsFull(max));
        const screenshots = [...draft.screenshots, { mediaId: media.mediaId, mime: media.mime }];
        const ack = received(screenshotReceived(screenshots.length, max), event);
        if (screenshots.length >= max) {
          return accepted({ ...draft, screenshots, screenshotsDone: true }, ack);
        }
        const next = { ...draft, screenshots, screenshotsDone: false };
        return { type: "collecting", draft: next, reply: prompt(ack, screenshotOptions()) };
      }
      default:
        return assertNever(media, "media class");
    }
  }
  if (event.type === "contact") return rejected(MEDIA_ERRORS.contactNotExpected, true);

  const match = matchOption(screenshotOptions(), event);
  if (match.type === "stale") return { type: "stale" };
  if (match.type === "none") return rejected(MEDIA_ERRORS.expectedScreenshot);
  if (match.option.id === "shots.reset") {
    const cleared = { ...draft, screenshots: [], screenshotsDone: false };
    const question = intakePrompt("screenshots", cleared, state, ctx);
    return {
      type: "collecting",
      draft: cleared,
      reply: prompt(paragraphs(SCREENSHOTS_CLEARED, question.text), question.options),
    };
  }
  return draft.screenshots.length === 0
    ? rejected(MEDIA_ERRORS.screenshotsNeedOne)
    : accepted({ ...draft, screenshotsDone: true });
}
