// /konsol/tiket.csv: the filtered list as CSV for a spreadsheet, the same
// columns as the page (no personal data), at most CSV_ROW_LIMIT rows. Every
// cell is quoted, and one a spreadsheet would read as a formula (= + - @, a
// tab or a carriage return first) gets a leading apostrophe (OWASP's advice
// against CSV injection).

import { SLA_STATE_LABEL } from "./sla-state.ts";
import { CHANNEL_LABEL, INTAKE_LABEL, STAGE_LABEL } from "./tickets.page.ts";
import type { TicketRow } from "./tickets.query.ts";

export const CSV_ROW_LIMIT = 5000;

const HEADER = [
  "Nomor",
  "Dibuat (WIB)",
  "Kanal",
  "Status",
  "Tahap",
  "Tim",
  "Kategori",
  "Prioritas",
  "Petugas",
  "Batas waktu layanan (WIB)",
  "Waktu layanan",
  "Asal permohonan",
];

/** One cell, quoted, a would-be formula neutralised. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

// A fixed, sortable form for spreadsheets: 2026-12-04 14:05 (WIB).
const wibStamp = (at: Date | null) =>
  at
    ? new Intl.DateTimeFormat("sv-SE", {
        timeZone: "Asia/Jakarta",
        dateStyle: "short",
        timeStyle: "short",
      }).format(at)
    : "";

export function ticketsCsv(
  rows: TicketRow[],
  stateOf: (row: TicketRow) => keyof typeof SLA_STATE_LABEL | null,
): string {
  const lines = [HEADER.map(csvCell).join(",")];
  for (const t of rows) {
    const state = stateOf(t);
    lines.push(
      [
        t.number,
        wibStamp(t.createdAt),
        CHANNEL_LABEL[t.channel] ?? t.channel,
        t.status,
        t.slaStage ? (STAGE_LABEL[t.slaStage] ?? t.slaStage) : "",
        t.team ?? "",
        t.category,
        t.priority,
        t.assignee?.name ?? "",
        wibStamp(t.slaDueAt),
        state ? SLA_STATE_LABEL[state] : "",
        INTAKE_LABEL[t.intake] ?? t.intake,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  // A byte-order mark so spreadsheet programs read the file as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
