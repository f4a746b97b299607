// GET /konsol/artikel and /konsol/artikel/:id (every role, read-only): the
// published help articles from kb_article_versions, as the desk's /artikel
// lists them, and one article's text (Indonesian and English) with its
// category, audience, keywords and last review. The Markdown is shown as
// written (placeholders unfilled). Drafts are named here; supervisors also get
// the Markdown form on an article's page (its latest version prefilled) and
// the drafts page (bot/web/article-edit.routes.ts), as in the desk (/artikel).
import type { FastifyInstance } from "fastify";
import { ARTICLE_STATUS_LABEL } from "../../core/content/messages/desk-articles.messages.ts";
import type { Article } from "../../core/domain/knowledge/article.schema.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { parseArticleMarkdown } from "../../core/infra/knowledge/article-markdown.ts";
import {
  articleVersions,
  pendingDrafts,
  publishedMarkdown,
} from "../../core/infra/stores/article.store.ts";
import { ALL_ROLES } from "./access.ts";
import { DRAFTS_PATH, draftForm } from "./article-edit.page.ts";
import { escapeHtml as e, page } from "./html.ts";
import { sendHtml, sendMessage, viewerOf } from "./respond.ts";

async function published(prisma: PrismaClient) {
  const rows = await publishedMarkdown(prisma);
  return rows.flatMap((row) => {
    const parsed = parseArticleMarkdown(row.markdown);
    return parsed.ok ? [{ version: row.number, article: parsed.value }] : [];
  });
}

const TEMPLATE_MARK = " (templat kantor, belum tampil ke pengguna)";

function listBody(
  articles: { version: number; article: Article }[],
  drafts: { articleId: string; number: number }[],
  supervisor: boolean,
) {
  const rows = articles
    .map(
      ({ version, article: a }) =>
        `<tr><td><a href="/konsol/artikel/${e(a.id)}">${e(a.id)}</a></td><td>${e(a.title)}${
          a.status === "template" ? e(TEMPLATE_MARK) : ""
        }</td><td>${e(a.category ?? "umum")}</td><td>${version}</td></tr>`,
    )
    .join("\n");
  const table = articles.length
    ? `<table><caption>${articles.length} artikel terbit</caption><thead><tr><th scope="col">Kode</th>
<th scope="col">Judul</th><th scope="col">Kategori</th><th scope="col">Versi</th></tr></thead><tbody>
${rows}</tbody></table>`
    : "<p>Belum ada artikel terbit.</p>";
  const waiting = drafts.length
    ? `<h2>Draf menunggu persetujuan</h2><ul>${drafts
        .map(
          (d) => `<li>${e(d.articleId)} versi ${d.number} (${e(ARTICLE_STATUS_LABEL.DRAFT)})</li>`,
        )
        .join("")}</ul>`
    : "";
  const tools = supervisor
    ? `<p><a href="/konsol/artikel/baru">Tulis artikel baru</a> · <a href="${DRAFTS_PATH}">Periksa dan terbitkan draf</a></p>`
    : "";
  return `${tools}${table}${waiting}
<p>Artikel ditulis dan diterbitkan oleh supervisor, di konsol ini atau di grup petugas Telegram (<code>/artikel</code>).</p>`;
}

function articleBody(version: number, a: Article, editor?: { csrf: string; markdown: string }) {
  const meta: [string, string][] = [
    ["Kode", a.id],
    ["Versi terbit", String(version)],
    ["Kategori", a.category ?? "umum"],
    ["Untuk", a.audience.join(", ")],
    ["Kata kunci", a.keywords.join(", ") || "-"],
    ["Terakhir ditinjau", a.lastReviewed ?? "-"],
  ];
  const text = (title: string, body: string) =>
    `<h2>${e(title)}</h2><div style="white-space:pre-wrap">${e(body)}</div>`;
  return `${a.status === "template" ? `<p class="error">${e(TEMPLATE_MARK.trim())}</p>` : ""}
<dl>${meta.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join("")}</dl>
${text("Bahasa Indonesia", a.body)}${a.bodyEn ? text(`English: ${a.titleEn ?? a.title}`, a.bodyEn) : ""}
${editor ? draftForm(editor.csrf, editor.markdown) : ""}<p><a href="/konsol/artikel">Kembali ke daftar artikel</a></p>`;
}

export function registerArticleRoutes(app: FastifyInstance, deps: { prisma: PrismaClient }) {
  const isSupervisor = (request: { agent?: { role: string } | undefined }) =>
    request.agent?.role === "SUPERVISOR";
  app.get("/konsol/artikel", { config: { access: ALL_ROLES } }, async (request, reply) => {
    const [articles, drafts] = await Promise.all([
      published(deps.prisma),
      pendingDrafts(deps.prisma),
    ]);
    return sendHtml(
      reply,
      200,
      page(
        "Artikel bantuan",
        listBody(articles, drafts, isSupervisor(request)),
        viewerOf(request, reply),
      ),
    );
  });

  app.get<{ Params: { id: string } }>(
    "/konsol/artikel/:id",
    { config: { access: ALL_ROLES } },
    async (request, reply) => {
      const found = (await published(deps.prisma)).find((p) => p.article.id === request.params.id);
      if (!found) {
        return sendMessage(
          request,
          reply,
          404,
          "Artikel tidak ditemukan",
          "Artikel dengan kode tersebut tidak ditemukan atau belum terbit.",
        );
      }
      const viewer = viewerOf(request, reply);
      // The form starts from the latest version (a waiting draft, if any).
      const latest = isSupervisor(request)
        ? (await articleVersions(deps.prisma, found.article.id))[0]
        : undefined;
      const editor = latest ? { csrf: viewer.csrf, markdown: latest.markdown } : undefined;
      return sendHtml(
        reply,
        200,
        page(found.article.title, articleBody(found.version, found.article, editor), viewer),
      );
    },
  );
}
