import {
  COMPLAINT_CHANNELS,
  FIELD_LABELS,
  type Language,
  localized,
  OFFICE,
  PROCEDURE,
  REQUIREMENTS,
  SERVICE,
} from "../../content/index.ts";
import { type ConversationSettings, findCategory } from "../conversation/conversation.settings.ts";
import { emptyDraft, type IntakeStep } from "../conversation/conversation-state.schema.ts";
import { applicableSteps } from "../conversation/intake.checklist.ts";
import type { Article } from "./article.schema.ts";

/**
 * An article as the user reads it: placeholders filled from the service
 * standard and the configuration (so an article never states an opening time
 * or a requirement that differs from what the bot does), Markdown reduced to
 * what a chat shows.
 */

export interface ArticleRenderContext {
  readonly settings: ConversationSettings;
  /** OFFICE_ADDRESS. */
  readonly officeAddress: string;
}

const PLACEHOLDER = /\{\{\s*([a-z_]+)(?::([A-Z0-9_]+))?\s*\}\}/gu;

/** Placeholders that need a category id after the colon. */
const PER_CATEGORY = new Set(["kategori", "yang_disiapkan", "yang_ditanyakan"]);
const PLAIN = new Set([
  "nama_layanan",
  "nomor_sk",
  "persyaratan",
  "prosedur",
  "biaya",
  "saluran_pengaduan",
  "jam_layanan",
  "alamat_kantor",
  "email_kantor",
  "nomor_helpdesk",
  "website",
]);

const ACTING_NOTE = localized(
  "Surat kuasa, bila Bapak/Ibu mewakili orang lain",
  "A power of attorney (surat kuasa), if you act for someone else",
);
const PREPARE = {
  KTP: localized("Foto KTP", "A photo of the KTP (identity card)"),
  SCREENSHOT: localized("Screenshot permasalahan", "Screenshots of the problem"),
  TENDER_CODE: FIELD_LABELS.tenderCode,
  BID_DEADLINE: FIELD_LABELS.bidDeadline,
} as const;

/** Everything asked besides the category and the consent, which the user already saw. */
const NOT_LISTED = new Set<IntakeStep>(["category", "consent", "suratKuasa"]);

const bullets = (lines: readonly string[]) => lines.map((line) => `• ${line}`).join("\n");

function categoryValue(
  name: string,
  categoryId: string,
  language: Language,
  ctx: ArticleRenderContext,
): string | null {
  const category = findCategory(ctx.settings, categoryId);
  if (category === null) return null;
  if (name === "kategori") return category.label[language];
  if (name === "yang_disiapkan") {
    return bullets([
      ...category.requires.map((requirement) => PREPARE[requirement][language]),
      ACTING_NOTE[language],
    ]);
  }
  const draft = { ...emptyDraft("1970-01-01T00:00:00.000Z", null), category: category.id };
  const steps = applicableSteps(draft, ctx.settings);
  return bullets([
    ...steps.filter((step) => !NOT_LISTED.has(step)).map((step) => FIELD_LABELS[step][language]),
    ACTING_NOTE[language],
  ]);
}

function plainValue(name: string, language: Language, ctx: ArticleRenderContext): string | null {
  switch (name) {
    case "nama_layanan":
      return SERVICE.name[language];
    case "nomor_sk":
      return SERVICE.decreeNumber;
    case "persyaratan":
      return REQUIREMENTS.map((r, i) => `${i + 1}. ${r.label[language]}`).join("\n");
    case "prosedur":
      return PROCEDURE.map((s) => `${s.id}. ${s.description[language]} (${s.time[language]})`).join(
        "\n",
      );
    case "biaya":
      return SERVICE.cost[language];
    case "saluran_pengaduan":
      return COMPLAINT_CHANNELS.map((c, i) => `${i + 1}. ${c.label[language]}`).join("\n");
    case "jam_layanan":
      return ctx.settings.openingHours[language];
    case "alamat_kantor":
      return ctx.officeAddress;
    case "email_kantor":
      return ctx.settings.officeEmail;
    case "nomor_helpdesk":
      return OFFICE.phone;
    case "website":
      return OFFICE.website;
    default:
      return null;
  }
}

/** Placeholders an article uses that cannot be filled (a typo, an unknown category). */
export function unknownPlaceholders(article: Article, ctx: ArticleRenderContext): string[] {
  const bad: string[] = [];
  for (const text of [article.body, article.bodyEn ?? ""]) {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const [whole, name = "", categoryId] = match;
      const known =
        categoryId === undefined
          ? PLAIN.has(name)
          : PER_CATEGORY.has(name) && findCategory(ctx.settings, categoryId) !== null;
      if (!known) bad.push(whole);
    }
  }
  return [...new Set(bad)];
}

/** The Markdown a chat cannot show, turned into plain text. */
export function markdownToChat(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/gu, "")
    .replace(/^#{1,6}[ \t]+(.+?)[ \t]*#*$/gmu, "$1")
    .replace(/^[ \t]*[-*+][ \t]+/gmu, "• ")
    .replace(
      /\*\*(.+?)\*\*|__(.+?)__/gu,
      (_, a: string | undefined, b: string | undefined) => a ?? b ?? "",
    )
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/gu, "$1 ($2)")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
}

export function renderArticle(
  article: Article,
  language: Language,
  ctx: ArticleRenderContext,
): { title: string; body: string } {
  const english = language === "en" && article.bodyEn !== null;
  const source = english ? (article.bodyEn ?? article.body) : article.body;
  const filled = source.replace(
    PLACEHOLDER,
    (whole, name: string, categoryId: string | undefined) =>
      (categoryId === undefined
        ? plainValue(name, english ? "en" : "id", ctx)
        : categoryValue(name, categoryId, english ? "en" : "id", ctx)) ?? whole,
  );
  const title = language === "en" && article.titleEn !== null ? article.titleEn : article.title;
  return { title, body: markdownToChat(filled) };
}

/** The words an article is found by: its texts without placeholders or markup. */
export function articleSearchText(article: Article): { title: string; body: string } {
  const strip = (text: string | null) =>
    text === null ? "" : markdownToChat(text.replace(PLACEHOLDER, " "));
  return {
    title: [article.title, article.titleEn ?? ""].join(" "),
    body: [strip(article.body), strip(article.bodyEn)].join("\n"),
  };
}
