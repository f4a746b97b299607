// /konsol/artikel on real PostgreSQL and Redis: every role reads the
// published help articles (the shipped ones, imported as at start) and one
// article's text; an unknown or unpublished one is a 404 in Bahasa Indonesia.
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../bot/web/html.ts";
import { AGENT_ROLES } from "../../core/domain/ticket/ticket.enums.ts";
import {
  readArticleFolder,
  SHIPPED_ARTICLES_DIR,
} from "../../core/infra/knowledge/article-files.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { importArticleFiles } from "../../core/infra/stores/article.store.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-articles", logger);

describe("/konsol/artikel", () => {
  it("lists the published articles and shows one, for every role", async () => {
    const folder = await readArticleFolder(SHIPPED_ARTICLES_DIR);
    await importArticleFiles(f.db.prisma, folder.files, f.now());
    const first = folder.files[0]?.article;
    if (!first) throw new Error("no shipped article");
    for (const role of AGENT_ROLES) {
      const b = browser(f.web.app);
      await b.signIn(role.toLowerCase(), AGENT_PASSWORD);
      const list = await b.get("/konsol/artikel");
      expect(list.statusCode, role).toBe(200);
      expect(list.body).toContain(`${folder.files.length} artikel terbit`);
      expect(list.body).toContain(`href="/konsol/artikel/${first.id}"`);
      const one = await b.get(`/konsol/artikel/${first.id}`);
      expect(one.statusCode, role).toBe(200);
      expect(one.body).toContain(escapeHtml(first.title));
      expect(one.body).toContain(escapeHtml(first.body.split("\n")[0]));
    }
  });

  it("answers an unknown article with a 404 page", async () => {
    const b = browser(f.web.app);
    await b.signIn("helpdesk", AGENT_PASSWORD);
    const res = await b.get("/konsol/artikel/tidak-ada");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Artikel tidak ditemukan");
  });
});
