// /konsol/tiket: the tickets, newest first, filtered (tickets.filter.ts), a
// page at a time; and the same table for a search by name, phone or NIK
// (tickets.search.ts), whose form is posted so the term stays out of URLs.
// Only what every role may see: no name, NIK, phone or request text.
import { CHANNELS } from "../../core/contracts/messages.ts";
import { SLA_STAGES } from "../../core/domain/sla/sla.clock.ts";
import { DEFAULT_CATEGORY_IDS } from "../../core/domain/ticket/ticket.catalog.ts";
import {
  PRIORITIES,
  TEAMS,
  TICKET_INTAKES,
  TICKET_STATUSES,
} from "../../core/domain/ticket/ticket.enums.ts";
import { csrfField, escapeHtml, page, type Viewer } from "./html.ts";
import { SLA_STATE_LABEL } from "./sla-state.ts";
import { FILTER_FIELDS, filterQuery, SLA_STATES, type TicketFilter } from "./tickets.filter.ts";
import { TICKETS_PER_PAGE, type TicketRow } from "./tickets.query.ts";

export const CHANNEL_LABEL: Record<string, string> = {
  WHATSAPP: "WhatsApp",
  TELEGRAM: "Telegram",
  CONSOLE: "Konsol",
  EMAIL: "E-mail",
};
/** How the request reached the office (tickets.intake). */
export const INTAKE_LABEL: Record<string, string> = {
  CHAT: "Obrolan (chat)",
  WALK_IN: "Tatap muka",
  EMAIL: "E-mail",
};
export const STAGE_LABEL: Record<string, string> = {
  HELPDESK: "Helpdesk",
  TEAM: "Tim",
  LKPP: "LKPP",
};
const label = (value: string) => value.replaceAll("_", " ");
export const WIB = new Intl.DateTimeFormat("id-ID", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Asia/Jakarta",
});

export interface TicketView {
  viewer: Viewer;
  filter: TicketFilter;
  agents: { id: string; name: string }[];
  /** The bucket of a row's service-time clock (sla-state.ts). */
  stateOf: (row: TicketRow) => keyof typeof SLA_STATE_LABEL | null;
}

function select(
  name: string,
  text: string,
  values: readonly string[],
  chosen: string | undefined,
  show: (v: string) => string = label,
) {
  const options = values.map(
    (v) =>
      `<option value="${escapeHtml(v)}"${v === chosen ? " selected" : ""}>${escapeHtml(show(v))}</option>`,
  );
  return `<div><label for="${name}">${text}</label><select id="${name}" name="${name}"><option value="">Semua</option>${options.join("")}</select></div>`;
}

function filterForm(view: TicketView) {
  const f = view.filter;
  const agentName = new Map(view.agents.map((a) => [a.id, a.name]));
  // A grid of fields: several side by side on a laptop, one column on a phone.
  return `<form method="get" action="/konsol/tiket" role="search" aria-label="Saring tiket" class="saring">
<div><label for="nomor">Nomor tiket</label><input id="nomor" name="nomor" value="${escapeHtml(f.nomor)}"></div>
${select("status", "Status", TICKET_STATUSES, f.status)}
${select("tahap", "Tahap", SLA_STAGES, f.tahap, (s) => STAGE_LABEL[s] ?? s)}
${select("tim", "Tim", TEAMS, f.tim)}
${select("kategori", "Kategori", [...new Set([...DEFAULT_CATEGORY_IDS, ...(f.kategori ? [f.kategori] : [])])], f.kategori)}
${select("kanal", "Kanal", CHANNELS, f.kanal, (c) => CHANNEL_LABEL[c] ?? c)}
${select("asal", "Asal permohonan", TICKET_INTAKES, f.asal, (i) => INTAKE_LABEL[i] ?? i)}
${select("prioritas", "Prioritas", PRIORITIES, f.prioritas)}
${select("sla", "Waktu layanan", SLA_STATES, f.sla, (s) => SLA_STATE_LABEL[s as keyof typeof SLA_STATE_LABEL])}
${select("petugas", "Petugas", [...agentName.keys()], f.petugas, (id) => agentName.get(id) ?? id)}
<div><label for="dari">Dibuat dari tanggal (WIB)</label><input id="dari" name="dari" type="date" value="${escapeHtml(f.dari)}"></div>
<div><label for="sampai">Sampai tanggal (WIB)</label><input id="sampai" name="sampai" type="date" value="${escapeHtml(f.sampai)}"></div>
<p><button type="submit">Tampilkan</button> <a href="/konsol/tiket.csv?${escapeHtml(filterQuery(f))}">Unduh CSV</a></p></form>`;
}

function searchForm(view: TicketView, kind = "nama") {
  const hidden = FILTER_FIELDS.filter((k) => view.filter[k])
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(view.filter[k])}">`)
    .join("");
  const kinds = [
    ["nama", "Nama pemohon"],
    ["telepon", "Nomor telepon"],
    ["nik", "NIK (16 angka, harus persis)"],
  ]
    .map(([v, t]) => `<option value="${v}"${v === kind ? " selected" : ""}>${t}</option>`)
    .join("");
  return `<form method="post" action="/konsol/tiket/cari" role="search" aria-label="Cari tiket menurut data pemohon" class="saring">
${csrfField(view.viewer.csrf)}${hidden}
<div><label for="jenis">Cari menurut</label><select id="jenis" name="jenis">${kinds}</select></div>
<div><label for="kata">Kata pencarian</label><input id="kata" name="kata" autocomplete="off" required></div>
<p><button type="submit">Cari</button></p></form>`;
}

function table(view: TicketView, rows: TicketRow[], caption: string) {
  if (rows.length === 0) return `<p>Tidak ada tiket yang cocok.</p>`;
  const body = rows
    .map((t) => {
      const state = view.stateOf(t);
      return `<tr><td><a href="/konsol/tiket/${encodeURIComponent(t.number)}">${escapeHtml(t.number)}</a></td><td>${escapeHtml(WIB.format(t.createdAt))}</td>
<td>${escapeHtml(CHANNEL_LABEL[t.channel] ?? t.channel)}</td><td>${escapeHtml(label(t.status))}</td>
<td>${escapeHtml(t.slaStage ? (STAGE_LABEL[t.slaStage] ?? t.slaStage) : "—")}</td><td>${escapeHtml(t.team ?? "—")}</td>
<td>${escapeHtml(t.category)}</td><td>${escapeHtml(t.priority)}</td><td>${escapeHtml(t.assignee?.name ?? "—")}</td>
<td>${t.slaDueAt ? escapeHtml(WIB.format(t.slaDueAt)) : "—"}</td><td>${state ? SLA_STATE_LABEL[state] : "—"}</td></tr>`;
    })
    .join("\n");
  return `<table id="daftar-tiket"><caption>${escapeHtml(caption)}</caption>
<thead><tr><th scope="col">Nomor</th><th scope="col">Dibuat (WIB)</th><th scope="col">Kanal</th><th scope="col">Status</th>
<th scope="col">Tahap</th><th scope="col">Tim</th><th scope="col">Kategori</th><th scope="col">Prioritas</th><th scope="col">Petugas</th>
<th scope="col">Batas waktu layanan</th><th scope="col">Waktu layanan</th></tr></thead>
<tbody>${body}</tbody></table>`;
}

const pageLink = (filter: TicketFilter, halaman: number, text: string) =>
  `<a href="/konsol/tiket?${escapeHtml(filterQuery(filter, halaman))}">${text}</a>`;

export function ticketsPage(view: TicketView, result: { total: number; rows: TicketRow[] }) {
  const { filter } = view;
  const pages = Math.max(1, Math.ceil(result.total / TICKETS_PER_PAGE));
  const nav = [
    filter.halaman > 1 ? pageLink(filter, filter.halaman - 1, "« Sebelumnya") : "",
    filter.halaman < pages ? pageLink(filter, filter.halaman + 1, "Berikutnya »") : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const caption = `${result.total} tiket, halaman ${filter.halaman} dari ${pages}`;
  return page(
    "Daftar tiket",
    `${filterForm(view)}${searchForm(view)}${table(view, result.rows, caption)}${
      nav ? `<nav aria-label="Halaman">${nav}</nav>` : ""
    }`,
    view.viewer,
    { live: { stream: "/konsol/langsung", mode: "daftar" } },
  );
}

/** The result of a posted search: the same table, the term not repeated. */
export function searchResultPage(
  view: TicketView,
  kind: string,
  result: { rows: TicketRow[]; capped: boolean },
) {
  const caption = `${result.rows.length} tiket ditemukan${result.capped ? " (hanya sebagian; persempit saringan)" : ""}`;
  return page(
    "Hasil pencarian tiket",
    `${searchForm(view, kind)}${table(view, result.rows, caption)}<p><a href="/konsol/tiket?${escapeHtml(filterQuery(view.filter))}">Kembali ke daftar tiket</a></p>`,
    view.viewer,
  );
}
