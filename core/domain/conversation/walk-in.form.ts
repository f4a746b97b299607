// A request an agent files on a citizen's behalf (in person or by e-mail):
// every answer is checked by the same step the chat intake uses
// (text-answer.step.ts), so a NIK, phone number or e-mail the chat would
// refuse is refused here too, with the same correction.
import { ROLE_IDS, type RoleId } from "../../content/index.ts";
import { err, ok, type Result } from "../shared/result.ts";
import { NO_ARTICLES } from "./article-finder.port.ts";
import type { ConversationSettings } from "./conversation.settings.ts";
import type { TicketDraft } from "./conversation-effect.types.ts";
import { type Draft, emptyDraft } from "./conversation-state.schema.ts";
import type { Ctx } from "./decision.ts";
import { answerText, type TextStep } from "./text-answer.step.ts";

/** The form's fields as typed (strings; a checkbox is present or not). */
export interface WalkInAnswers {
  readonly category: string;
  readonly role: string;
  readonly name: string;
  readonly nik: string;
  readonly organisation: string;
  readonly email: string;
  readonly phone: string;
  readonly tenderCode: string;
  readonly description: string;
  readonly actingForOther: boolean;
  readonly consent: boolean;
}

export type WalkInField = keyof WalkInAnswers;

export interface WalkInError {
  readonly field: WalkInField;
  /** The correction, in Bahasa Indonesia (the chat's own for typed answers). */
  readonly message: string;
}

/** A complete request without its files (the console stores those first). */
export type WalkInDraft = Omit<TicketDraft, "attachments">;

const TEXT_FIELDS: readonly (TextStep & WalkInField)[] = [
  "name",
  "nik",
  "organisation",
  "email",
  "phone",
  "description",
];

const isRole = (value: string): value is RoleId => (ROLE_IDS as readonly string[]).includes(value);

/** Every refused field at once, so the agent corrects the form in one go. */
export function validateWalkIn(
  answers: WalkInAnswers,
  settings: ConversationSettings,
  at: Date,
): Result<WalkInDraft, readonly WalkInError[]> {
  const ctx: Ctx = {
    settings,
    at: at.toISOString(),
    atMs: at.getTime(),
    articles: NO_ARTICLES,
  };
  const errors: WalkInError[] = [];
  const category = settings.categories.find((c) => c.id === answers.category.trim());
  if (!category) errors.push({ field: "category", message: "Mohon pilih kategori masalah." });
  const role = answers.role.trim();
  if (!isRole(role)) errors.push({ field: "role", message: "Mohon pilih peran pemohon." });
  if (!answers.consent) {
    errors.push({
      field: "consent",
      message:
        "Permohonan hanya dapat dicatat dengan persetujuan pemohon atas pemrosesan data pribadinya.",
    });
  }
  let draft: Draft = { ...emptyDraft(ctx.at, null), role: isRole(role) ? role : null };
  const fields: readonly (TextStep & WalkInField)[] =
    answers.tenderCode.trim() === "" ? TEXT_FIELDS : [...TEXT_FIELDS, "tenderCode"];
  for (const field of fields) {
    const outcome = answerText(field, draft, answers[field], ctx);
    if (outcome.type === "accepted") draft = outcome.draft;
    else if (outcome.type === "rejected") errors.push({ field, message: outcome.error.id });
    else errors.push({ field, message: "Mohon isi kolom ini." });
  }
  const { name, nik, organisation, email, phone, description } = draft;
  if (
    errors.length > 0 ||
    !category ||
    !isRole(role) ||
    name === null ||
    nik === null ||
    organisation === null ||
    email === null ||
    phone === null ||
    description === null
  ) {
    return err(errors);
  }
  return ok({
    category: category.id,
    name,
    nik,
    role,
    organisation,
    email,
    phone,
    ...(draft.tenderCode === null ? {} : { tenderCode: draft.tenderCode }),
    description,
    actingForOther: answers.actingForOther,
    consentAt: ctx.at,
    language: "id",
  });
}
