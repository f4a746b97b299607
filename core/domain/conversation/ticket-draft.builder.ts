import type { Language } from "../../content/index.ts";
import { err, ok, type Result } from "../shared/result.ts";
import type { ConversationSettings } from "./conversation.settings.ts";
import type { AttachmentKind, TicketDraft } from "./conversation-effect.types.ts";
import type { Draft, IntakeStep } from "./conversation-state.schema.ts";
import { isStepApplicable, nextOpenStep } from "./intake.checklist.ts";

/**
 * Turns a finished draft into the createTicket payload. Returns the first open
 * step instead when something is missing (e.g. the category list changed
 * while the draft was stored), so the user is asked again rather than stuck.
 */
export function buildTicketDraft(
  draft: Draft,
  settings: ConversationSettings,
  language: Language,
): Result<TicketDraft, IntakeStep> {
  const open = nextOpenStep(draft, settings);
  if (open !== null) return err(open);

  const { category, consentAt, name, nik, role, organisation, email, phone, description } = draft;
  if (category === null) return err("category");
  if (consentAt === null) return err("consent");
  if (name === null) return err("name");
  if (nik === null) return err("nik");
  if (role === null) return err("role");
  if (organisation === null) return err("organisation");
  if (email === null) return err("email");
  if (phone === null) return err("phone");
  if (description === null) return err("description");
  if (draft.actingForOther === null) return err("actingForOther");

  const applies = (step: IntakeStep) => isStepApplicable(step, draft, settings);
  const attachments: { mediaId: string; kind: AttachmentKind }[] = [];
  if (applies("ktp") && draft.ktp !== null) {
    attachments.push({ mediaId: draft.ktp.mediaId, kind: "KTP" });
  }
  if (applies("suratKuasa") && draft.suratKuasa !== null) {
    attachments.push({ mediaId: draft.suratKuasa.mediaId, kind: "SURAT_KUASA" });
  }
  if (applies("screenshots")) {
    for (const screenshot of draft.screenshots) {
      attachments.push({ mediaId: screenshot.mediaId, kind: "SCREENSHOT" });
    }
  }

  return ok({
    category,
    name,
    nik,
    role,
    organisation,
    email,
    phone,
    ...(applies("tenderCode") && draft.tenderCode !== null ? { tenderCode: draft.tenderCode } : {}),
    ...(applies("bidDeadline") && draft.bidDeadline !== null
      ? { bidDeadline: draft.bidDeadline }
      : {}),
    description,
    actingForOther: draft.actingForOther,
    attachments,
    consentAt,
    language,
  });
}
