// The supervisors' article pages in the console: the Markdown form (a new
// article, or a new draft of one), and the drafts waiting for a decision with
// their preview as a user reads it (placeholders filled, HTML-escaped) and
// the publish / reject forms, each naming the version previewed.
import { csrfField, escapeHtml as e, page, type Viewer } from "./html.ts";

export const DRAFTS_PATH = "/konsol/artikel/draf";

/** The skeleton of a new article: the front matter the parser asks for. */
export function newArticleSkeleton(today: string): string {
  return [
    "---",
    "id: kode-artikel",
    'title: "Judul artikel"',
    "category: LAINNYA",
    "keywords: [kata kunci]",
    "audience: [penyedia, ppk, pokja]",
    `last_reviewed: ${today}`,
    "status: published",
    "---",
    "Isi artikel dalam Markdown. Jam layanan: {{jam_layanan}}.",
  ].join("\n");
}

/** The Markdown form; it saves a draft (nothing reaches users before a publish). */
export function draftForm(csrf: string, markdown: string, error?: string): string {
  return `<section aria-labelledby="tulis"><h2 id="tulis">Tulis draf baru</h2>
${error ? `<p class="error" role="alert">${e(error)}</p>` : ""}
<form method="post" action="${DRAFTS_PATH}">${csrfField(csrf)}
<label for="markdown">Isi artikel (front matter <code>---</code> … <code>---</code> lalu isi Markdown)</label>
<textarea id="markdown" name="markdown" rows="18" cols="90" required>${e(markdown)}</textarea>
<p><button type="submit">Simpan sebagai draf</button></p></form>
<p>Draf belum tampil ke pengguna sampai diterbitkan di <a href="${DRAFTS_PATH}">daftar draf</a>.</p></section>`;
}

export function draftFormPage(viewer: Viewer, markdown: string, error?: string): string {
  return page(
    "Artikel baru",
    `${draftForm(viewer.csrf, markdown, error)}<p><a href="/konsol/artikel">Kembali ke daftar artikel</a></p>`,
    viewer,
  );
}

export interface PendingDraft {
  articleId: string;
  number: number;
  createdAt: Date;
  /** As a user reads it; null: the stored text no longer parses. */
  preview: { title: string; body: string } | null;
}

function decisionForms(csrf: string, d: PendingDraft): string {
  const named = `${csrfField(csrf)}<input type="hidden" name="articleId" value="${e(d.articleId)}">
<input type="hidden" name="versi" value="${d.number}">`;
  const id = `alasan-${e(d.articleId)}-${d.number}`;
  return `<form method="post" action="/konsol/artikel/terbitkan">${named}
<button type="submit">Terbitkan</button></form>
<form method="post" action="/konsol/artikel/tolak">${named}
<label for="${id}">Alasan penolakan (boleh kosong)</label><input id="${id}" name="alasan" maxlength="500">
<button type="submit">Tolak</button></form>`;
}

export function draftsPage(viewer: Viewer, drafts: readonly PendingDraft[], notice?: string) {
  const items = drafts.map(
    (d) => `<section id="draf-${e(d.articleId)}-${d.number}">
<h2>${e(d.articleId)} versi ${d.number}</h2>
<p>Disimpan ${e(d.createdAt.toISOString().slice(0, 16).replace("T", " "))} UTC. Pratinjau seperti dibaca pengguna:</p>
${
  d.preview
    ? `<h3>${e(d.preview.title)}</h3><div style="white-space:pre-wrap">${e(d.preview.body)}</div>`
    : `<p class="error">Draf ini tidak dapat dibaca lagi; tolak lalu tulis ulang.</p>`
}
${decisionForms(viewer.csrf, d)}</section>`,
  );
  return page(
    "Draf artikel",
    `${notice ? `<p role="status">${e(notice)}</p>` : ""}
${items.length ? items.join("\n") : "<p>Tidak ada draf yang menunggu.</p>"}
<p><a href="/konsol/artikel/baru">Tulis artikel baru</a> · <a href="/konsol/artikel">Kembali ke daftar artikel</a></p>`,
    viewer,
  );
}
