// The ticket page's "Balas ke pengguna" (typed, or a canned answer picked
// from desk_templates), "Kirim berkas kepada pengguna" (multipart,
// ticket-file.ts) and "Catatan internal" forms (ticket-messages.ts), shown
// while the ticket is open. Pure; every value is escaped where it is put in.
import type { DeskTemplate } from "../../core/content/desk-templates.content.ts";
import { FINAL_TICKET_STATUSES } from "../../core/domain/conversation/index.ts";
import type { TicketStatus } from "../../core/domain/ticket/ticket.enums.ts";
import { csrfField, escapeHtml as e } from "./html.ts";

export function messageForms(
  ticket: { number: string; status: TicketStatus },
  csrf: string,
  templates: readonly DeskTemplate[],
): string {
  if (FINAL_TICKET_STATUSES.has(ticket.status)) return "";
  const base = `/konsol/tiket/${encodeURIComponent(ticket.number)}`;
  const options = templates
    .map((t) => `<option value="${e(t.id)}">${e(t.title)}</option>`)
    .join("");
  return `<section aria-labelledby="balas"><h2 id="balas">Balas ke pengguna</h2>
<form method="post" action="${e(`${base}/balas`)}">${csrfField(csrf)}
<label for="balas-pesan">Pesan (dikirim kepada pengguna, dengan tanda tangan petugas)</label>
<textarea id="balas-pesan" name="pesan" rows="4" cols="70" maxlength="3500"></textarea>
<label for="balas-templat">atau pilih templat jawaban</label>
<select id="balas-templat" name="templat"><option value="">(tanpa templat)</option>${options}</select>
<p><button type="submit">Kirim balasan</button></p></form></section>
<section aria-labelledby="berkas"><h2 id="berkas">Kirim berkas kepada pengguna</h2>
<form method="post" action="${e(`${base}/berkas`)}" enctype="multipart/form-data">${csrfField(csrf)}
<label for="berkas-file">Berkas (PDF, JPEG, PNG atau WebP; diperiksa dari isinya)</label>
<input id="berkas-file" name="berkas" type="file" accept="application/pdf,image/jpeg,image/png,image/webp" required>
<label for="berkas-keterangan">Keterangan (tidak wajib; dikirim bersama berkas, dengan tanda tangan petugas)</label>
<textarea id="berkas-keterangan" name="keterangan" rows="2" cols="70" maxlength="800"></textarea>
<p><button type="submit">Kirim berkas</button></p></form></section>
<section aria-labelledby="catatan"><h2 id="catatan">Catatan internal</h2>
<form method="post" action="${e(`${base}/catatan`)}">${csrfField(csrf)}
<label for="catatan-pesan">Catatan (hanya untuk petugas, tidak dikirim kepada pengguna)</label>
<textarea id="catatan-pesan" name="pesan" rows="3" cols="70" maxlength="3000" required></textarea>
<p><button type="submit">Simpan catatan</button></p></form></section>`;
}
