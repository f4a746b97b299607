// The ticket's own page, laid out from ticket.data.ts: the card as the desk's
// Telegram card shows it (NIK and phone masked, as there), the files, the
// timeline with internal notes marked, and the step forms (ticket-actions.ts).
// Pure; every value is escaped where it is put in.

import { priorityLabel, slaStageLabel, teamLabel } from "../../core/content/desk-labels.content.ts";
import type { DeskTemplate } from "../../core/content/desk-templates.content.ts";
import { maskNik } from "../../core/domain/shared/nik.validator.ts";
import { formatWibDateTime } from "../../core/domain/shared/wib-time.ts";
import type { CommandType } from "../../core/domain/ticket/ticket.commands.ts";
import { FORWARD_TEAMS } from "../../core/domain/ticket/ticket.enums.ts";
import { findRule } from "../../core/domain/ticket/ticket.transitions.ts";
import { continueCommand } from "../agent-desk/commands/progress.ts";
import { categoryLabel, maskPhone, statusLabel } from "../agent-desk/desk.card.ts";
import { csrfField, escapeHtml as e, page, type Viewer } from "./html.ts";
import { mayOpenFile, type TicketView, type TimelineItem } from "./ticket.data.ts";
import { messageForms } from "./ticket-messages.page.ts";
import { CHANNEL_LABEL, INTAKE_LABEL } from "./tickets.page.ts";

export interface TicketPageViewer extends Viewer {
  id: string;
  /** Disruption letters can be issued (a letterhead is configured). */
  letters?: boolean;
}

const wib = (at: Date) => `${formatWibDateTime(at.toISOString())} WIB`;
const FINAL = new Set(["DITUTUP", "DITOLAK", "DIBATALKAN"]);

export const ticketPath = (number: string) => `/konsol/tiket/${encodeURIComponent(number)}`;

function card(view: TicketView): string {
  const t = view.card;
  const due = t.slaDueAt === null ? "-" : `${wib(t.slaDueAt)}${t.slaPausedAt ? " (dijeda)" : ""}`;
  const rows: [string, string][] = [
    ["Nomor", t.number],
    ["Status", statusLabel(t.status)],
    ["Tahap", slaStageLabel(t.slaStage)],
    ["Tim", teamLabel(t.team)],
    ["Kategori", categoryLabel(t.category)],
    ["Prioritas", priorityLabel(t.priority)],
    ["Saluran", CHANNEL_LABEL[t.channel] ?? t.channel],
    ["Asal permohonan", INTAKE_LABEL[view.intake] ?? view.intake],
    ["Masuk", wib(t.createdAt)],
    ["Batas waktu layanan", due],
    ["Petugas", t.assigneeName ?? "belum diambil"],
    ...(t.lkppTicketNumber ? ([["Tiket LKPP", t.lkppTicketNumber]] as [string, string][]) : []),
    ["Pemohon", t.applicantName],
    ["NIK", t.nik ? maskNik(t.nik) : "-"],
    ["HP", t.phone ? maskPhone(t.phone) : "-"],
    ["Instansi/Perusahaan", t.organisation ?? "-"],
    ["Bertindak untuk orang lain", t.actingForOther ? "Ya (ada surat kuasa)" : "Tidak"],
  ];
  return `<section id="bagian-kartu" aria-labelledby="kartu"><h2 id="kartu">Kartu tiket</h2><dl>${rows
    .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`)
    .join("")}</dl>
<h3>Permasalahan</h3><p style="white-space:pre-wrap">${e(t.description)}</p></section>`;
}

function files(view: TicketView, viewer: TicketPageViewer): string {
  return `<section id="bagian-lampiran">${fileList(view, viewer)}</section>`;
}

function fileList(view: TicketView, viewer: TicketPageViewer): string {
  if (view.files.length === 0) return `<h2>Lampiran</h2><p>Tidak ada lampiran.</p>`;
  const rows = view.files.map((f) => {
    const open = f.purged
      ? "sudah dihapus"
      : mayOpenFile(f, viewer, view.assigneeId)
        ? `<a href="${e(`${ticketPath(view.card.number)}/lampiran/${f.id}`)}">Buka</a>`
        : "hanya untuk petugas yang menangani atau supervisor";
    return `<tr><td>${e(f.label)}</td><td>${e(f.mime)}</td><td>${Math.ceil(f.size / 1024)} KB</td><td>${e(wib(f.at))}</td><td>${open}</td></tr>`;
  });
  return `<h2>Lampiran</h2><table><thead><tr><th scope="col">Berkas</th><th scope="col">Jenis</th>
<th scope="col">Ukuran</th><th scope="col">Diterima</th><th scope="col">Buka</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function item(i: TimelineItem): string {
  const when = `<time datetime="${i.at.toISOString()}">${e(wib(i.at))}</time>`;
  const body = (s: string) => `<p style="white-space:pre-wrap">${e(s)}</p>`;
  switch (i.kind) {
    case "status": {
      const what = i.routed
        ? `Diarahkan ke tim ${teamLabel(i.routed.team)}, prioritas ${priorityLabel(i.routed.priority)}`
        : `Status ${i.from ? statusLabel(i.from) : "-"} → ${statusLabel(i.to)}, oleh ${i.who}`;
      return `<li class="status">${when} <strong>Perubahan status</strong>: ${e(what)}${
        i.reason ? body(`Keterangan: ${i.reason}`) : ""
      }</li>`;
    }
    case "citizen":
      return `<li class="pengguna">${when} <strong>Pesan pengguna</strong>${body(i.text)}${
        i.attachmentId ? "<p>(dengan lampiran)</p>" : ""
      }</li>`;
    case "agent":
      return `<li class="petugas">${when} <strong>Balasan petugas</strong> (${e(i.who)})${body(i.text)}</li>`;
    case "note":
      return `<li class="catatan" style="background:#fff6d5">${when} <strong>Catatan internal</strong> (${e(i.who)}, tidak dikirim ke pengguna)${body(i.text)}</li>`;
    case "sla":
      return `<li class="sla">${when} <strong>Batas waktu layanan</strong>: ${e(
        i.what === "breach"
          ? `batas waktu tahap ${i.stage} terlewati`
          : `pengingat, batas waktu tahap ${i.stage} hampir habis`,
      )}</li>`;
  }
}

const STEP_OF: Record<string, CommandType> = {
  proses: "START_PROCESSING",
  teruskan: "FORWARD",
  minta: "REQUEST_USER_INFO",
  eskalasi: "ESCALATE_LKPP",
  selesai: "RESOLVE",
  tolak: "REJECT",
  tutup: "CLOSE",
  buka: "REOPEN",
};
const BUTTON: Record<string, string> = {
  ambil: "Ambil tiket",
  proses: "Proses",
  teruskan: "Teruskan",
  minta: "Minta dokumen",
  lanjut: "Lanjutkan",
  eskalasi: "Eskalasi ke LKPP",
  selesai: "Selesai",
  tolak: "Tolak",
  tutup: "Tutup",
  buka: "Buka kembali",
};
/** The text each step asks for; required unless marked optional. */
const FIELD: Record<string, { label: string; required: boolean }> = {
  teruskan: { label: "Catatan untuk tim (opsional)", required: false },
  minta: { label: "Dokumen atau keterangan yang diminta", required: true },
  lanjut: { label: "Tanggapan yang diterima (opsional)", required: false },
  eskalasi: { label: "Catatan eskalasi (opsional)", required: false },
  selesai: { label: "Penyelesaian (dikirim ke pengguna)", required: true },
  tolak: { label: "Alasan penolakan", required: true },
  tutup: { label: "Catatan (opsional)", required: false },
  buka: { label: "Alasan dibuka kembali", required: true },
};

function actions(view: TicketView, viewer: TicketPageViewer): string {
  const t = view.card;
  // /lanjut records the answer the ticket waits for: LKPP's when escalated, else the user's.
  const stepOf = (a: string): CommandType | undefined =>
    a === "lanjut" ? continueCommand(t.status, "").type : STEP_OF[a];
  const shown = Object.keys(BUTTON).filter((a) =>
    a === "ambil"
      ? !FINAL.has(t.status) && view.assigneeId !== viewer.id
      : findRule(t.status, stepOf(a) as CommandType) !== undefined,
  );
  if (shown.length === 0) return `<section id="bagian-tindakan"></section>`;
  const forms = shown.map((a) => {
    const field = FIELD[a];
    const team =
      a === "teruskan"
        ? `<label for="tim-${a}">Tim tujuan</label><select id="tim-${a}" name="tim" required>${FORWARD_TEAMS.map(
            (team) => `<option value="${team}">${e(teamLabel(team))}</option>`,
          ).join("")}</select>`
        : a === "eskalasi"
          ? `<label for="lkpp-${a}">Nomor tiket LKPP</label><input id="lkpp-${a}" name="lkpp" maxlength="40" required>`
          : "";
    const textField = field
      ? `<label for="ket-${a}">${e(field.label)}</label><textarea id="ket-${a}" name="keterangan" maxlength="1000"${
          field.required ? " required" : ""
        }></textarea>`
      : "";
    return `<form method="post" action="${e(`${ticketPath(t.number)}/${a}`)}">${csrfField(viewer.csrf)}${team}${textField}<p><button type="submit">${e(BUTTON[a])}</button></p></form>`;
  });
  return `<section id="bagian-tindakan" aria-labelledby="tindakan"><h2 id="tindakan">Tindakan</h2>${forms.join("\n")}</section>`;
}

/**
 * The desk's /surat as a form: "Pratinjau" opens the unnumbered preview (a
 * PDF, in a new tab), "Terbitkan" issues it. Times are WIB wall times.
 */
function letterForm(view: TicketView, viewer: TicketPageViewer): string {
  const base = `${ticketPath(view.card.number)}/surat`;
  const input = (id: string, label: string, attrs: string) =>
    `<label for="surat-${id}">${e(label)}</label><input id="surat-${id}" name="${id}" ${attrs} required>`;
  return `<section aria-labelledby="surat"><h2 id="surat">Surat Keterangan Gangguan LPSE</h2>
<form method="post" action="${e(`${base}/terbitkan`)}">${csrfField(viewer.csrf)}${input("kode", "Kode tender/paket", 'maxlength="100"')}${input(
    "mulai",
    "Mulai gangguan (WIB)",
    'type="datetime-local"',
  )}${input("selesai", "Selesai gangguan (WIB)", 'type="datetime-local"')}<label for="surat-pihak">Pihak terdampak</label><textarea id="surat-pihak" name="pihak" maxlength="1000" required></textarea>
<p><button type="submit" formaction="${e(`${base}/pratinjau`)}" formtarget="_blank">Pratinjau surat</button> <button type="submit">Terbitkan surat</button></p>
<p>Nomor surat baru diambil saat diterbitkan, lalu surat dikirim kepada pengguna.</p></form></section>`;
}

export function ticketPage(
  viewer: TicketPageViewer,
  view: TicketView,
  notice?: { ok?: string; error?: string },
  templates: readonly DeskTemplate[] = [],
): string {
  const flash = notice?.error
    ? `<p class="error" role="alert">${e(notice.error)}</p>`
    : notice?.ok
      ? `<p role="status"><strong>${e(notice.ok)}</strong></p>`
      : "";
  const timeline = view.timeline.length
    ? `<ol class="lini-masa">${view.timeline.map(item).join("\n")}</ol>`
    : "<p>Belum ada riwayat.</p>";
  return page(
    `Tiket ${view.card.number}`,
    `${flash}${card(view)}${actions(view, viewer)}${messageForms(view.card, viewer.csrf, templates)}${viewer.letters ? letterForm(view, viewer) : ""}${files(view, viewer)}
<section id="bagian-riwayat" aria-labelledby="riwayat"><h2 id="riwayat">Riwayat</h2>${timeline}</section>
<p><a href="/konsol/tiket">Kembali ke daftar tiket</a></p>`,
    viewer,
    // The sections above are what the script swaps in when the ticket changes.
    {
      live: {
        stream: `/konsol/langsung?tiket=${encodeURIComponent(view.card.number)}`,
        mode: "tiket",
        source: ticketPath(view.card.number),
      },
    },
  );
}
