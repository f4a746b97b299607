// /konsol/templat: the desk's canned answers (desk_templates). Every role
// reads them; a supervisor gets a form per answer (edit, delete) and one to
// add a new one. A refused form comes back with what was typed and the reason.
import { MAX_TEMPLATES } from "../../core/app/desk-templates.ts";
import type { DeskTemplate } from "../../core/content/desk-templates.content.ts";
import { csrfField, escapeHtml, page, type Viewer } from "./html.ts";

const fields = (prefix: string, t: Partial<DeskTemplate>, idLocked: boolean) => {
  const e = escapeHtml;
  const idField = idLocked
    ? `<input type="hidden" name="id" value="${e(t.id)}">`
    : `<label for="${prefix}-id">Kode (1-20 huruf, angka atau -)</label>
<input id="${prefix}-id" name="id" value="${e(t.id)}" maxlength="20" pattern="[A-Za-z0-9\\-]{1,20}" required>`;
  return `${idField}<label for="${prefix}-judul">Judul</label>
<input id="${prefix}-judul" name="title" value="${e(t.title)}" maxlength="60" required>
<label for="${prefix}-isi">Isi jawaban (dikirim kepada pengguna)</label>
<textarea id="${prefix}-isi" name="text" rows="4" cols="70" maxlength="3500" required>${e(t.text)}</textarea>`;
};

function editForms(csrf: string, t: DeskTemplate, draft?: Partial<DeskTemplate>) {
  const prefix = `t-${t.id}`;
  return `<form method="post" action="/konsol/templat/ubah">${csrfField(csrf)}
${fields(prefix, draft ?? t, true)}<p><button type="submit">Simpan perubahan</button></p></form>
<form method="post" action="/konsol/templat/hapus">${csrfField(csrf)}
<input type="hidden" name="id" value="${escapeHtml(t.id)}"><button type="submit">Hapus templat ini</button></form>`;
}

export interface TemplatesNotice {
  error?: string;
  /** The form the error is about: "new", or the id of the answer edited. */
  form?: string;
  draft?: Partial<DeskTemplate>;
  ok?: string;
}

export function templatesPage(
  viewer: Viewer,
  templates: readonly DeskTemplate[],
  notice: TemplatesNotice = {},
): string {
  const e = escapeHtml;
  const editor = viewer.role === "SUPERVISOR";
  const alert = (form: string) =>
    notice.error && notice.form === form
      ? `<p class="error" role="alert">${e(notice.error)}</p>`
      : "";
  const items = templates
    .map(
      (t) => `<section><h2>${e(t.title)} <small>(${e(t.id)})</small></h2>${alert(t.id)}
${editor ? editForms(viewer.csrf, t, notice.form === t.id ? notice.draft : undefined) : `<p style="white-space:pre-wrap">${e(t.text)}</p>`}</section>`,
    )
    .join("\n");
  const add = editor
    ? `<section><h2>Tambah templat</h2>${alert("new")}
<form method="post" action="/konsol/templat/tambah">${csrfField(viewer.csrf)}
${fields("baru", notice.form === "new" ? (notice.draft ?? {}) : {}, false)}
<p><button type="submit">Tambah</button></p></form></section>`
    : "";
  return page(
    "Templat jawaban",
    `${notice.ok ? `<p role="status">${e(notice.ok)}</p>` : ""}
<p>Jawaban siap pakai yang dikirim petugas dengan <code>/templat</code> di grup petugas dan dari halaman tiket
(${templates.length} dari paling banyak ${MAX_TEMPLATES}). Perubahan langsung berlaku.</p>
${notice.error && notice.form !== "new" && !templates.some((t) => t.id === notice.form) ? `<p class="error" role="alert">${e(notice.error)}</p>` : ""}
${items || "<p>Belum ada templat.</p>"}
${add}`,
    viewer,
  );
}
