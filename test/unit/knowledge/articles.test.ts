// Article files, their rendering for the chat and what is kept of a search
// with no match: pure parts, no database.
import { describe, expect, it } from "vitest";
import { resolveConversationSettings } from "../../../core/domain/conversation/index.ts";
import {
  renderArticle,
  unknownPlaceholders,
} from "../../../core/domain/knowledge/article.renderer.ts";
import {
  readArticleFolder,
  SHIPPED_ARTICLES_DIR,
} from "../../../core/infra/knowledge/article-files.ts";
import { parseArticleMarkdown } from "../../../core/infra/knowledge/article-markdown.ts";
import { noMatchTerms } from "../../../core/infra/knowledge/no-match-terms.ts";

const render = {
  settings: resolveConversationSettings({
    officeEmail: "lpse@landakkab.go.id",
    openingHours: { id: "Senin-Kamis 08.00-15.00 WIB", en: "Mon-Thu 08:00-15:00 WIB" },
  }),
  officeAddress: "Jalan Uji Coba 1, Ngabang",
};

const article = (body: string, extra = "") => `---
id: contoh
title: Contoh artikel
category: GAGAL_UNGGAH_PENAWARAN
keywords: [contoh]
audience: [penyedia]
last_reviewed: 2026-11-30
${extra}---
${body}`;

describe("article files", () => {
  it("parses the front matter and both languages", () => {
    const parsed = parseArticleMarkdown(article("Isi.\n\n<!-- en -->\nText."));
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        id: "contoh",
        status: "published",
        body: "Isi.",
        bodyEn: "Text.",
        lastReviewed: "2026-11-30",
      },
    });
  });

  it("explains what is wrong, in Bahasa Indonesia first", () => {
    expect(parseArticleMarkdown("tanpa front matter")).toMatchObject({ ok: false });
    const bad = parseArticleMarkdown(article("Isi.", "warna: merah\n"));
    expect(bad).toEqual({ ok: false, error: "Kunci tidak dikenal / unknown key: warna" });
    const badId = parseArticleMarkdown(article("Isi.").replace("id: contoh", "id: Contoh Artikel"));
    expect(badId.ok).toBe(false);
  });

  it("ships only readable articles, and the procedures nobody knows yet as templates", async () => {
    const folder = await readArticleFolder(SHIPPED_ARTICLES_DIR);
    expect(folder.problems).toEqual([]);
    for (const file of folder.files) expect(unknownPlaceholders(file.article, render)).toEqual([]);
    const templates = folder.files.filter((f) => f.article.status === "template");
    expect(templates.map((f) => f.article.id).sort()).toEqual([
      "langkah-aktivasi-akun-penyedia",
      "langkah-reset-otp",
      "langkah-reset-password",
    ]);
    for (const t of templates) expect(t.article.body).toContain("TEMPLATE - DIISI OLEH KANTOR");
  });
});

describe("rendering an article", () => {
  it("fills the configured values and the category's checklist, and drops the Markdown", () => {
    const parsed = parseArticleMarkdown(
      article(
        "## Jam\n**Buka**: {{jam_layanan}} di {{alamat_kantor}}\n\n{{yang_disiapkan:GAGAL_UNGGAH_PENAWARAN}}\n- [situs](https://lpse.example)",
      ),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const { body } = renderArticle(parsed.value, "id", render);
    expect(body).toContain("Jam\nBuka: Senin-Kamis 08.00-15.00 WIB di Jalan Uji Coba 1, Ngabang");
    expect(body).toContain(
      "• Foto KTP\n• Screenshot permasalahan\n• Kode tender/paket\n• Batas akhir penawaran",
    );
    expect(body).toContain("• situs (https://lpse.example)");
  });

  it("reads Indonesian to English users when no English text is given", () => {
    const parsed = parseArticleMarkdown(article("Hanya bahasa Indonesia."));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(renderArticle(parsed.value, "en", render).body).toBe("Hanya bahasa Indonesia.");
  });

  it("names placeholders that cannot be filled", () => {
    const parsed = parseArticleMarkdown(article("{{jam_buka}} {{kategori:TIDAK_ADA}} {{biaya}}"));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(unknownPlaceholders(parsed.value, render)).toEqual([
      "{{jam_buka}}",
      "{{kategori:TIDAK_ADA}}",
    ]);
  });
});

describe("terms kept of a search with no match", () => {
  it("drops NIK, phone numbers, e-mail addresses, numbers and names", () => {
    const terms = noMatchTerms(
      "Saya Budi Santoso dari CV Maju Jaya, NIK 6171054101900001, hp 0812 3456 7890, budi@maju.co.id: termin proyek 2026 belum cair",
    );
    expect(terms).toEqual(["cv", "nik", "hp", "termin", "proyek", "cair"]);
  });

  it("keeps nothing of a greeting", () => {
    expect(noMatchTerms("Selamat pagi pak, terima kasih")).toEqual([]);
  });
});
