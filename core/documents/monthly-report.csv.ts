// The monthly figures as one CSV table in long form (RFC 4180, CRLF):
// section, key, label, measure, value. One row per number, so a spreadsheet
// pivots it any way; numbers use a dot as decimal separator.
import type { MonthlyReport } from "./monthly-report.model.ts";
import { selfServiceCsvRows } from "./self-service-report.ts";

export const CSV_HEADER = ["bagian", "kunci", "uraian", "ukuran", "nilai"] as const;

/**
 * One CSV field. Quoted when it holds a comma, quote, line break or edge
 * space; text that a spreadsheet would run as a formula (= + - @, tab, CR)
 * gets a leading apostrophe first.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (/^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | null)[]): string {
  return fields.map(csvField).join(",");
}

const r4 = (n: number | null) => (n === null ? null : Math.round(n * 10_000) / 10_000);
const r2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

export function monthlyReportCsv(report: MonthlyReport): string {
  const rows: (string | number | null)[][] = [[...CSV_HEADER]];
  const add = (
    section: string,
    key: string,
    label: string,
    measure: string,
    value: string | number | null,
  ) => rows.push([section, key, label, measure, value]);

  add("periode", report.month, report.monthLabel, "mulai", report.start.toISOString());
  add("periode", report.month, report.monthLabel, "akhir", report.end.toISOString());
  add("tiket", "TOTAL", "Tiket masuk", "jumlah", report.tickets.total);
  for (const row of report.tickets.byCategory)
    add("kategori", row.key, row.label, "jumlah", row.count);
  for (const row of report.tickets.byChannel) add("kanal", row.key, row.label, "jumlah", row.count);
  for (const row of report.tickets.byStatus) add("status", row.key, row.label, "jumlah", row.count);
  for (const stage of [...report.compliance.stages, report.compliance.overall]) {
    add("kepatuhan", stage.stage, stage.label, "selesai", stage.finished);
    add("kepatuhan", stage.stage, stage.label, "tepat_waktu", stage.onTime);
    add(
      "kepatuhan",
      stage.stage,
      stage.label,
      "persen",
      r2(stage.rate === null ? null : stage.rate * 100),
    );
  }
  add("penanganan", "RESOLVED", "Tiket selesai", "jumlah", report.handling.resolved);
  add(
    "penanganan",
    "MEDIAN",
    "Median waktu penanganan",
    "menit",
    r2(report.handling.medianMinutes),
  );
  add(
    "penanganan",
    "P90",
    "Persentil ke-90 waktu penanganan",
    "menit",
    r2(report.handling.p90Minutes),
  );
  add("ikm", "RESPONDEN", "Responden", "jumlah", report.ikm.respondents);
  for (const element of report.ikm.elements) {
    add("ikm", element.code, element.name.id, "responden", element.count);
    add("ikm", element.code, element.name.id, "nrr", r4(element.nrr));
    add("ikm", element.code, element.name.id, "nrr_tertimbang", r4(element.weighted));
    add("ikm", element.code, element.name.id, "nilai_konversi", element.converted);
  }
  add("ikm", "IKM", "IKM unit pelayanan", "nilai_interval", r4(report.ikm.unitIndex));
  add("ikm", "IKM", "IKM unit pelayanan", "nilai_konversi", report.ikm.ikm);
  add("ikm", "IKM", "IKM unit pelayanan", "mutu", report.ikm.grade?.letter ?? null);
  add("pengaduan", "TOTAL", "Pengaduan", "jumlah", report.complaints.total);
  for (const row of report.complaints.byStatus)
    add("pengaduan", row.key, row.label, "jumlah", row.count);
  if (report.selfService) selfServiceCsvRows(add, report.selfService);
  return `${rows.map(csvLine).join("\r\n")}\r\n`;
}
