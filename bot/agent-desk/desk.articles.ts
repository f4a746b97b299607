// The help articles from the agents group: `/artikel` (list, read, history,
// write a draft, publish, reject) and `/jadikanartikel` (a resolved ticket's
// answer becomes a draft). Only supervisors. Nothing a supervisor writes
// reaches users before a publish step that names the version previewed: a
// second supervisor, or the author after reading the preview.
import {
  decideArticleDraft,
  previewArticle,
  redactArticleText,
  writeArticleDraft,
} from "../../core/app/article-drafts.ts";
import type { KnowledgeBase } from "../../core/app/knowledge-base.ts";
import {
  ARTICLE_STATUS_LABEL,
  ARTICLE_DESK_TEXT as T,
} from "../../core/content/messages/desk-articles.messages.ts";
import type { Agent, PrismaClient } from "../../core/infra/db.ts";
import { articleVersions, pendingDrafts } from "../../core/infra/stores/article.store.ts";
import { escapeHtml as e } from "../telegram/telegram.render.ts";
import { firstWord, parseTicketNumber } from "./desk.commands.ts";
import type { DeskCommandHandler } from "./desk.context.ts";

type Reply = Parameters<DeskCommandHandler>[0]["reply"];

export function createDeskArticles(deps: {
  prisma: PrismaClient;
  knowledge: KnowledgeBase;
  now?: () => Date;
}): Record<string, DeskCommandHandler> {
  const { prisma, knowledge } = deps;
  const now = deps.now ?? (() => new Date());

  function preview(markdown: string): string {
    const text = previewArticle(knowledge, markdown);
    return text ? `<b>${e(text.title)}</b>\n${e(text.body)}` : "";
  }

  async function list(reply: Reply) {
    const articles = knowledge.articles();
    const drafts = await pendingDrafts(prisma);
    const lines = articles.length
      ? [
          T.listHeader,
          ...articles.map(
            (a) =>
              `• ${e(a.id)} — ${e(a.title)}${a.status === "template" ? e(T.templateMark) : ""}`,
          ),
        ]
      : [T.listEmpty];
    if (drafts.length) {
      lines.push("", T.draftsHeader, ...drafts.map((d) => `• ${e(d.articleId)} versi ${d.number}`));
    }
    await reply(lines.join("\n"));
  }

  async function write(agent: Agent, markdown: string, reply: Reply, fromTicket?: string) {
    const outcome = await writeArticleDraft(
      { prisma, knowledge },
      { authorId: agent.id, markdown, ...(fromTicket ? { fromTicketId: fromTicket } : {}) },
    );
    if (outcome.type === "invalid") return reply(e(outcome.message));
    const { draft } = outcome;
    return reply(
      [
        e(T.draftSaved(draft.articleId, draft.number)),
        preview(markdown),
        e(T.publishHint(draft.articleId, draft.number)),
      ].join("\n\n"),
    );
  }

  async function decide(agent: Agent, args: string, publish: boolean, reply: Reply) {
    const { word: id, rest } = firstWord(args);
    const { word: versionText, rest: note } = firstWord(rest);
    const number = Number(versionText);
    if (!id || !Number.isSafeInteger(number)) {
      return reply(e(`${T.noDraft(id || "?", versionText || "?")}\n\n${T.usage}`));
    }
    const outcome = await decideArticleDraft(
      { prisma, knowledge },
      {
        reviewerId: agent.id,
        articleId: id,
        number,
        publish,
        ...(note ? { note } : {}),
        at: now(),
      },
    );
    if (outcome.type === "notFound") return reply(e(T.noDraft(id, versionText)));
    if (!publish) return reply(e(T.rejected(id, number)));
    return reply(e(T.published(id, number, agent.name, outcome.selfReview)));
  }

  async function show(id: string, history: boolean, reply: Reply) {
    const versions = await articleVersions(prisma, id);
    if (versions.length === 0) return reply(e(T.notFound(id)));
    if (history) {
      const lines = versions.map(
        (v) =>
          `v${v.number} · ${ARTICLE_STATUS_LABEL[v.status] ?? v.status} · ${v.source === "FILE" ? "berkas" : "petugas"} · ${v.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
      );
      return reply([e(T.historyHeader(id)), ...lines.map(e)].join("\n"));
    }
    const current = versions.find((v) => v.status === "PUBLISHED") ?? versions[0];
    return reply(preview(current?.markdown ?? "") || e(T.notFound(id)));
  }

  /** A resolved ticket's resolution note as a draft, personal data cut out. */
  async function fromTicket(agent: Agent, ticketId: string | null, args: string, reply: Reply) {
    const number = parseTicketNumber(args);
    const ticket = number
      ? await prisma.ticket.findUnique({ where: { number } })
      : ticketId
        ? await prisma.ticket.findUnique({ where: { id: ticketId } })
        : null;
    if (!ticket) return reply(e(T.usage));
    const resolved = await prisma.ticketEvent.findFirst({
      where: { ticketId: ticket.id, toStatus: "SELESAI", reason: { not: null } },
      orderBy: { createdAt: "desc" },
    });
    if (!resolved?.reason || !["SELESAI", "DITUTUP"].includes(ticket.status)) {
      return reply(e(T.ticketNotResolved(ticket.number)));
    }
    const category = knowledge.render.settings.categories.find((c) => c.id === ticket.category);
    const id = `${ticket.category.toLowerCase().replace(/_/gu, "-")}-${ticket.number.slice(-5)}`;
    const answer = redactArticleText(resolved.reason);
    const markdown = [
      "---",
      `id: ${id}`,
      `title: ${JSON.stringify(category?.label.id ?? ticket.category)}`,
      `category: ${ticket.category}`,
      `keywords: [${(category?.keywords ?? []).map((k) => JSON.stringify(k)).join(", ")}]`,
      "audience: [penyedia, ppk, pokja]",
      `last_reviewed: ${now().toISOString().slice(0, 10)}`,
      "status: published",
      "---",
      answer,
    ].join("\n");
    await reply(e(T.fromTicket(ticket.number)));
    await write(agent, markdown, reply, ticket.id);
    return reply(`<pre>${e(markdown)}</pre>`);
  }

  const supervisor =
    (handler: DeskCommandHandler): DeskCommandHandler =>
    async (input) => {
      if (input.agent.role !== "SUPERVISOR") {
        await input.reply(e(T.supervisorsOnly));
        return;
      }
      await handler(input);
    };

  return {
    artikel: supervisor(async ({ agent, args, reply }) => {
      const { word, rest } = firstWord(args);
      switch (word.toLowerCase()) {
        case "":
        case "daftar":
          return void (await list(reply));
        case "lihat":
          return void (await show(firstWord(rest).word, false, reply));
        case "riwayat":
          return void (await show(firstWord(rest).word, true, reply));
        case "tulis":
          return void (await write(agent, rest, reply));
        case "terbitkan":
          return void (await decide(agent, rest, true, reply));
        case "tolak":
          return void (await decide(agent, rest, false, reply));
        default:
          return void (await reply(e(T.usage)));
      }
    }),
    jadikanartikel: supervisor(async ({ agent, args, topic, reply }) => {
      await fromTicket(agent, topic?.ticketId ?? null, args, reply);
    }),
  };
}

/** The article commands of the desk; none while self-service is off. */
export function deskArticles(
  runtime: { db: { prisma: PrismaClient } },
  services: { knowledge: KnowledgeBase | null },
): Record<string, DeskCommandHandler> {
  return services.knowledge
    ? createDeskArticles({ prisma: runtime.db.prisma, knowledge: services.knowledge })
    : {};
}
