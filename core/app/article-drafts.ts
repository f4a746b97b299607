// Writing, publishing and rejecting help-article drafts: one path for the
// agent desk (/artikel in the agents group) and the web console
// (/konsol/artikel), supervisors only in both. A draft must parse and its
// placeholders must be fillable; a publish names the version previewed and
// reloads the process's knowledge base, so the bot serves the new text at
// once (other processes follow within KB_REFRESH_MS). Each step is audited
// (article.draft / article.publish / article.reject; `via` names the console).
import { ARTICLE_DESK_TEXT as T } from "../content/messages/desk-articles.messages.ts";
import { renderArticle } from "../domain/knowledge/article.renderer.ts";
import { redactText } from "../domain/privacy/redact.ts";
import type { KbArticleVersion, PrismaClient } from "../infra/db.ts";
import { parseArticleMarkdown } from "../infra/knowledge/article-markdown.ts";
import { decideDraft, saveDraft } from "../infra/stores/article.store.ts";
import { recordAudit } from "../infra/stores/audit.store.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/gu;

/** Text taken from a ticket, its NIK, phone numbers and e-mail addresses cut out. */
export function redactArticleText(text: string): string {
  return redactText(text).replace(EMAIL, "[e-mail]");
}

type Deps = { prisma: PrismaClient; knowledge: Pick<KnowledgeBase, "check" | "render"> };

/** The article as a user reads it (placeholders filled); null when it does not parse. */
export function previewArticle(
  knowledge: Pick<KnowledgeBase, "render">,
  markdown: string,
): { title: string; body: string } | null {
  const parsed = parseArticleMarkdown(markdown);
  return parsed.ok ? renderArticle(parsed.value, "id", knowledge.render) : null;
}

export type WriteDraftOutcome =
  | { type: "saved"; draft: KbArticleVersion }
  /** Bahasa Indonesia, the problem named. */
  | { type: "invalid"; message: string };

export async function writeArticleDraft(
  deps: Deps,
  input: { authorId: string; markdown: string; fromTicketId?: string; via?: "console" },
): Promise<WriteDraftOutcome> {
  const parsed = parseArticleMarkdown(input.markdown);
  if (!parsed.ok) return { type: "invalid", message: T.invalid(parsed.error) };
  const unknown = deps.knowledge.check(parsed.value);
  if (unknown.length) {
    return { type: "invalid", message: T.unknownPlaceholders(unknown.join(", ")) };
  }
  const draft = await saveDraft(deps.prisma, {
    articleId: parsed.value.id,
    markdown: input.markdown,
    authorId: input.authorId,
    ...(input.fromTicketId ? { fromTicketId: input.fromTicketId } : {}),
  });
  await recordAudit(deps.prisma, {
    actor: { type: "AGENT", agentId: input.authorId },
    action: "article.draft",
    ...(input.fromTicketId ? { ticketId: input.fromTicketId } : {}),
    detail: {
      articleId: draft.articleId,
      version: draft.number,
      ...(input.via ? { via: input.via } : {}),
    },
  });
  return { type: "saved", draft };
}

export type DecideOutcome =
  | { type: "done"; version: KbArticleVersion; selfReview: boolean }
  | { type: "notFound" };

/** Publishes (then reloads the knowledge base) or rejects draft `number`. */
export async function decideArticleDraft(
  deps: { prisma: PrismaClient; knowledge: Pick<KnowledgeBase, "reload"> },
  input: {
    reviewerId: string;
    articleId: string;
    number: number;
    publish: boolean;
    note?: string;
    at: Date;
    via?: "console";
  },
): Promise<DecideOutcome> {
  const outcome = await decideDraft(deps.prisma, {
    articleId: input.articleId,
    number: input.number,
    reviewerId: input.reviewerId,
    publish: input.publish,
    ...(input.note ? { note: input.note } : {}),
    at: input.at,
  });
  if (outcome.type === "notFound") return outcome;
  const selfReview = outcome.version.authorId === input.reviewerId;
  await recordAudit(deps.prisma, {
    actor: { type: "AGENT", agentId: input.reviewerId },
    action: input.publish ? "article.publish" : "article.reject",
    detail: {
      articleId: input.articleId,
      version: input.number,
      selfReview,
      ...(input.via ? { via: input.via } : {}),
    },
  });
  if (input.publish) await deps.knowledge.reload();
  return { type: "done", version: outcome.version, selfReview };
}
