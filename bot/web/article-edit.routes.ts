// Supervisors write and publish help articles in the console as they do in
// the desk (/artikel; core/app/article-drafts.ts is the one path of both):
// GET /konsol/artikel/baru (the form), POST /konsol/artikel/draf (a draft:
// invalid Markdown or front matter is a 400 naming the problem), GET
// /konsol/artikel/draf (the waiting drafts with their preview), and POST
// /konsol/artikel/{terbitkan,tolak} naming the version previewed. Audited
// with via "console"; a publish reloads the knowledge base of this process.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  decideArticleDraft,
  previewArticle,
  writeArticleDraft,
} from "../../core/app/article-drafts.ts";
import type { KnowledgeBase } from "../../core/app/knowledge-base.ts";
import { ARTICLE_DESK_TEXT as T } from "../../core/content/messages/desk-articles.messages.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { pendingDrafts } from "../../core/infra/stores/article.store.ts";
import { DRAFTS_PATH, draftFormPage, draftsPage, newArticleSkeleton } from "./article-edit.page.ts";
import { agentOf, sendHtml, sendMessage, viewerOf } from "./respond.ts";

const SUPERVISOR = ["SUPERVISOR"] as const;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const DONE: Record<string, string> = {
  disimpan: "Draf tersimpan. Periksa pratinjaunya sebelum menerbitkan.",
  terbit: "Artikel diterbitkan. Bot memakainya mulai sekarang.",
  tolak: "Draf ditolak.",
};

export interface ArticleEditDeps {
  prisma: PrismaClient;
  now: () => Date;
  /** The process's help articles; null while self-service is off (then nothing is written). */
  knowledge?: KnowledgeBase | null | undefined;
}

type DecisionBody = { articleId?: string; versi?: string; alasan?: string };

export function registerArticleEditRoutes(app: FastifyInstance, deps: ArticleEditDeps) {
  const { prisma } = deps;
  const off = (request: FastifyRequest, reply: FastifyReply) =>
    sendMessage(
      request,
      reply,
      409,
      "Artikel tidak dapat diubah",
      "Layanan mandiri (SELF_SERVICE_ENABLED) sedang tidak aktif, sehingga artikel bantuan tidak dapat ditulis atau diterbitkan.",
    );

  app.get("/konsol/artikel/baru", { config: { access: SUPERVISOR } }, (request, reply) =>
    sendHtml(
      reply,
      200,
      draftFormPage(
        viewerOf(request, reply),
        newArticleSkeleton(deps.now().toISOString().slice(0, 10)),
      ),
    ),
  );

  app.get<{ Querystring: { pesan?: string } }>(
    DRAFTS_PATH,
    { config: { access: SUPERVISOR } },
    async (request, reply) => {
      const { knowledge } = deps;
      const drafts = (await pendingDrafts(prisma)).map((d) => ({
        articleId: d.articleId,
        number: d.number,
        createdAt: d.createdAt,
        preview: knowledge ? previewArticle(knowledge, d.markdown) : null,
      }));
      const key = str(request.query.pesan);
      return sendHtml(
        reply,
        200,
        draftsPage(
          viewerOf(request, reply),
          drafts,
          Object.hasOwn(DONE, key) ? DONE[key] : undefined,
        ),
      );
    },
  );

  app.post<{ Body: { markdown?: string } }>(
    DRAFTS_PATH,
    // Two bodies of ARTICLE_BODY_MAX_CHARS, form-encoded, exceed the console's 16 KiB.
    { config: { access: SUPERVISOR }, preHandler: app.csrfProtection, bodyLimit: 96 * 1024 },
    async (request, reply) => {
      const { knowledge } = deps;
      if (!knowledge) return off(request, reply);
      // Browsers send CRLF line ends from a textarea; the files use LF.
      const markdown = str(request.body?.markdown).replace(/\r\n?/gu, "\n").trim();
      const outcome = await writeArticleDraft(
        { prisma, knowledge },
        { authorId: agentOf(request).id, markdown, via: "console" },
      );
      if (outcome.type === "invalid") {
        return sendHtml(
          reply,
          400,
          draftFormPage(viewerOf(request, reply), markdown, outcome.message),
        );
      }
      const { articleId, number } = outcome.draft;
      return reply.redirect(`${DRAFTS_PATH}?pesan=disimpan#draf-${articleId}-${number}`, 303);
    },
  );

  for (const [action, publish] of [
    ["terbitkan", true],
    ["tolak", false],
  ] as const) {
    app.post<{ Body: DecisionBody }>(
      `/konsol/artikel/${action}`,
      { config: { access: SUPERVISOR }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const { knowledge } = deps;
        if (!knowledge) return off(request, reply);
        const articleId = str(request.body?.articleId).trim();
        const versionText = str(request.body?.versi).trim();
        const number = Number(versionText);
        const note = str(request.body?.alasan).trim();
        const outcome =
          articleId && /^\d+$/u.test(versionText) && Number.isSafeInteger(number)
            ? await decideArticleDraft(
                { prisma, knowledge },
                {
                  reviewerId: agentOf(request).id,
                  articleId,
                  number,
                  publish,
                  ...(note ? { note } : {}),
                  at: deps.now(),
                  via: "console",
                },
              )
            : ({ type: "notFound" } as const);
        if (outcome.type === "notFound") {
          return sendMessage(
            request,
            reply,
            409,
            "Draf tidak ditemukan",
            T.noDraft(articleId || "?", versionText || "?"),
          );
        }
        return reply.redirect(`${DRAFTS_PATH}?pesan=${publish ? "terbit" : "tolak"}`, 303);
      },
    );
  }
}
