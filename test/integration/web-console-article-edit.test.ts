// Supervisors write, publish and reject help articles in the console (real
// PostgreSQL and Redis, the knowledge base the bot runs): a draft is not
// served before the publish step that names its version, then it is; the
// preview is the text a user reads, escaped; bad Markdown is a 400 naming the
// problem; other roles get 403, a form without its CSRF token 403 as well.
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../bot/web/html.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-article-edit", logger, { knowledge: true });

const article = (id: string, body: string) => `---
id: ${id}
title: Ganti HP dan aplikasi authenticator
category: KENDALA_OTP
keywords: [ganti hp, authenticator]
audience: [penyedia, ppk, pokja]
last_reviewed: ${f.now().toISOString().slice(0, 10)}
status: published
---
${body}`;

async function supervisor() {
  const b = browser(f.web.app);
  expect((await b.signIn("supervisor", AGENT_PASSWORD)).statusCode).toBe(303);
  return b;
}

const knowledge = () => {
  if (!f.web.knowledge) throw new Error("the fixture starts a knowledge base");
  return f.web.knowledge;
};

const audits = (action: string, articleId: string) =>
  f.db.prisma.auditLog.findMany({
    where: { action, detail: { path: ["articleId"], equals: articleId } },
  });

describe("/konsol/artikel for supervisors", () => {
  it("saves a draft, previews it, publishes the version previewed, and the bot serves it", async () => {
    const b = await supervisor();
    const id = "ganti-hp-konsol";
    const markdown = article(
      id,
      "Ajukan reset authenticator <segera>. Jam layanan: {{jam_layanan}}.",
    );
    const saved = await b.post("/konsol/artikel/draf", {
      _csrf: await b.csrf("/konsol/artikel/baru"),
      markdown,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toContain("/konsol/artikel/draf");
    expect(knowledge().finder.open(id, "id")).toBeNull();

    const drafts = await b.get("/konsol/artikel/draf");
    expect(drafts.statusCode).toBe(200);
    expect(drafts.body).toContain(`${id} versi 1`);
    // The text as a user reads it: the placeholder filled, the markup escaped.
    expect(drafts.body).toContain(escapeHtml("Ajukan reset authenticator <segera>."));
    expect(drafts.body).not.toContain("<segera>");
    expect(drafts.body).toContain("Senin–Jumat");
    expect(drafts.body).not.toContain("{{jam_layanan}}");

    // A version that was not previewed is not published.
    const csrf = await b.csrf("/konsol/artikel/draf");
    const wrong = await b.post("/konsol/artikel/terbitkan", {
      _csrf: csrf,
      articleId: id,
      versi: "2",
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.body).toContain("Tidak ada draf");
    expect(knowledge().finder.open(id, "id")).toBeNull();

    const published = await b.post("/konsol/artikel/terbitkan", {
      _csrf: csrf,
      articleId: id,
      versi: "1",
    });
    expect(published.statusCode).toBe(303);
    const served = knowledge().finder.open(id, "id");
    expect(served?.body).toContain("Ajukan reset authenticator <segera>.");
    expect(served?.body).toContain("Senin–Jumat");
    const version = await f.db.prisma.kbArticleVersion.findFirstOrThrow({
      where: { articleId: id },
    });
    expect(version).toMatchObject({ status: "PUBLISHED", source: "DESK", number: 1 });
    for (const action of ["article.draft", "article.publish"]) {
      const rows = await audits(action, id);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]?.detail).toMatchObject({ articleId: id, version: 1, via: "console" });
    }

    // The article's page offers its latest version's Markdown for the next draft.
    const page = await b.get(`/konsol/artikel/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<textarea id="markdown" name="markdown"');
    expect(page.body).toContain(escapeHtml("<segera>. Jam layanan: {{jam_layanan}}."));
    const next = await b.post("/konsol/artikel/draf", {
      _csrf: await b.csrf(`/konsol/artikel/${id}`),
      markdown: article(id, "Versi kedua: hubungi helpdesk."),
    });
    expect(next.statusCode).toBe(303);
    expect((await b.get("/konsol/artikel/draf")).body).toContain(`${id} versi 2`);
    // Still the published text until version 2 is published.
    expect(knowledge().finder.open(id, "id")?.body).toContain("<segera>");
  });

  it("rejects a draft with the reason given; it is never served", async () => {
    const b = await supervisor();
    const id = "draf-ditolak-konsol";
    await b.post("/konsol/artikel/draf", {
      _csrf: await b.csrf("/konsol/artikel/baru"),
      markdown: article(id, "Teks yang belum tepat."),
    });
    const rejected = await b.post("/konsol/artikel/tolak", {
      _csrf: await b.csrf("/konsol/artikel/draf"),
      articleId: id,
      versi: "1",
      alasan: "Langkahnya kurang lengkap",
    });
    expect(rejected.statusCode).toBe(303);
    const version = await f.db.prisma.kbArticleVersion.findFirstOrThrow({
      where: { articleId: id },
    });
    expect(version).toMatchObject({ status: "REJECTED", note: "Langkahnya kurang lengkap" });
    expect(knowledge().finder.open(id, "id")).toBeNull();
    expect((await b.get("/konsol/artikel/draf")).body).not.toContain(`${id} versi 1`);
    const rows = await audits("article.reject", id);
    expect(rows[0]?.detail).toMatchObject({ articleId: id, version: 1, via: "console" });
    // Decided once: a second decision finds no draft.
    const again = await b.post("/konsol/artikel/terbitkan", {
      _csrf: await b.csrf("/konsol/artikel/draf"),
      articleId: id,
      versi: "1",
    });
    expect(again.statusCode).toBe(409);
  });

  it("answers bad Markdown or an unknown placeholder with a 400 naming the problem", async () => {
    const b = await supervisor();
    const csrf = await b.csrf("/konsol/artikel/baru");
    const noFrontMatter = await b.post("/konsol/artikel/draf", {
      _csrf: csrf,
      markdown: "Hanya teks tanpa front matter",
    });
    expect(noFrontMatter.statusCode).toBe(400);
    expect(noFrontMatter.body).toContain("Artikel belum dapat disimpan");
    expect(noFrontMatter.body).toContain("Hanya teks tanpa front matter");
    const unknownKey = await b.post("/konsol/artikel/draf", {
      _csrf: csrf,
      markdown: article("kunci-salah", "Isi.").replace("status:", "warna: biru\nstatus:"),
    });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.body).toContain("Kunci tidak dikenal / unknown key: warna");
    const placeholder = await b.post("/konsol/artikel/draf", {
      _csrf: csrf,
      markdown: article("placeholder-salah", "Hubungi {{nomor_rahasia}}."),
    });
    expect(placeholder.statusCode).toBe(400);
    expect(placeholder.body).toContain("placeholder tidak dikenal");
    expect(placeholder.body).toContain("nomor_rahasia");
    const stored = await f.db.prisma.kbArticleVersion.count({
      where: { articleId: { in: ["kunci-salah", "placeholder-salah"] } },
    });
    expect(stored).toBe(0);
  });

  it("takes an article of the largest size in both languages", async () => {
    const b = await supervisor();
    const id = "artikel-panjang-konsol";
    // Every character form-encoded as three: well over the console's usual 16 KiB.
    const long = (word: string) => `${word} ${"&:".repeat(1400)}`;
    const markdown = `${article(id, long("Langkah"))}\n<!-- en -->\n${long("Steps")}`;
    expect(new URLSearchParams({ markdown }).toString().length).toBeGreaterThan(16 * 1024);
    const saved = await b.post("/konsol/artikel/draf", {
      _csrf: await b.csrf("/konsol/artikel/baru"),
      markdown,
    });
    expect(saved.statusCode).toBe(303);
    const stored = await f.db.prisma.kbArticleVersion.findFirstOrThrow({
      where: { articleId: id },
    });
    expect(stored.markdown).toBe(markdown);
  });

  it("refuses other roles (403) and a form without its CSRF token (403)", async () => {
    const helpdesk = browser(f.web.app);
    await helpdesk.signIn("helpdesk", AGENT_PASSWORD);
    expect((await helpdesk.get("/konsol/artikel/draf")).statusCode).toBe(403);
    const refused = await helpdesk.post("/konsol/artikel/draf", {
      _csrf: await helpdesk.csrf("/konsol/tiket"),
      markdown: article("dari-helpdesk", "Isi."),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Tidak diizinkan");
    const read = await helpdesk.get("/konsol/artikel");
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain("/konsol/artikel/baru");

    const b = await supervisor();
    const noToken = await b.post("/konsol/artikel/draf", {
      markdown: article("tanpa-token", "Isi."),
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain("Formulir kedaluwarsa");
    expect(
      await f.db.prisma.kbArticleVersion.count({
        where: { articleId: { in: ["dari-helpdesk", "tanpa-token"] } },
      }),
    ).toBe(0);
  });
});
