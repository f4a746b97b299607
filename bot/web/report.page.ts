// /konsol/laporan: the monthly report's figures (monthly-figures.ts, the same
// numbers as the PDF and CSV) as a page: the month picker, the downloads,
// IKM, service-time compliance per stage and tickets per category and
// channel, each as a bar chart (inline SVG) with its table.
import type { CountRow, MonthlyReport } from "../../core/documents/monthly-report.model.ts";
import { type Bar, barChart } from "./bar-chart.ts";
import { escapeHtml, page, type Viewer } from "./html.ts";

const percent = new Intl.NumberFormat("id-ID", { style: "percent", maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
const rate = (r: number | null) => (r === null ? "—" : percent.format(r));

function countTable(caption: string, rows: readonly CountRow[]): string {
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">Uraian</th><th scope="col">Jumlah</th></tr></thead><tbody>
${rows.map((r) => `<tr><td>${escapeHtml(r.label)}</td><td>${r.count}</td></tr>`).join("\n")}</tbody></table>`;
}

const countBars = (rows: readonly CountRow[]): Bar[] =>
  rows.map((r) => ({ label: r.label, value: r.count }));

function complianceSection(report: MonthlyReport): string {
  const rows = [...report.compliance.stages, report.compliance.overall];
  const chart = barChart(
    "Kepatuhan waktu layanan per tahap (persen tepat waktu)",
    rows.map((s) => ({
      label: s.label,
      value: s.rate === null ? 0 : s.rate * 100,
      text: s.rate === null ? "belum ada" : `${rate(s.rate)} (${s.onTime}/${s.finished})`,
    })),
    100,
  );
  const table = `<table><caption>Tahap selesai dalam bulan ini</caption><thead><tr><th scope="col">Tahap</th>
<th scope="col">Selesai</th><th scope="col">Tepat waktu</th><th scope="col">Kepatuhan</th></tr></thead><tbody>
${rows
  .map(
    (s) =>
      `<tr><td>${escapeHtml(s.label)}</td><td>${s.finished}</td><td>${s.onTime}</td><td>${rate(s.rate)}</td></tr>`,
  )
  .join("\n")}</tbody></table>`;
  return `<section><h2>Kepatuhan waktu layanan (SLA)</h2>${chart}${table}</section>`;
}

function ikmSection(report: MonthlyReport): string {
  const { ikm } = report;
  const headline =
    ikm.ikm === null
      ? `<p>IKM belum dapat dihitung (${ikm.respondents} responden; setiap unsur perlu jawaban).</p>`
      : `<p>IKM: <strong>${decimal.format(ikm.ikm)}</strong>${
          ikm.grade
            ? ` — mutu ${escapeHtml(ikm.grade.letter)} (${escapeHtml(ikm.grade.label.id)})`
            : ""
        }, dari ${ikm.respondents} responden.</p>`;
  const chart = barChart(
    "Nilai per unsur SKM (skala 25–100)",
    ikm.elements.map((el) => ({
      label: `${el.code} ${el.name.id}`,
      value: el.converted ?? 0,
      text: el.converted === null ? "belum ada" : decimal.format(el.converted),
    })),
    100,
  );
  return `<section><h2>Survei Kepuasan Masyarakat (SKM/IKM)</h2>${headline}${ikm.respondents ? chart : ""}</section>`;
}

export function reportPage(viewer: Viewer, report: MonthlyReport): string {
  const q = encodeURIComponent(report.month);
  const body = `<form method="get" action="/konsol/laporan"><label for="bulan">Bulan</label>
<input id="bulan" name="bulan" type="month" value="${escapeHtml(report.month)}" required> <button type="submit">Tampilkan</button></form>
<p>Unduh laporan ${escapeHtml(report.monthLabel)}:
<a href="/konsol/laporan/unduh?bulan=${q}&amp;format=pdf" download>PDF</a> ·
<a href="/konsol/laporan/unduh?bulan=${q}&amp;format=csv" download>CSV</a></p>
<h2>${escapeHtml(report.monthLabel)}</h2>
<p>Tiket masuk: <strong>${report.tickets.total}</strong>. Tiket selesai: ${report.handling.resolved}.
Pengaduan: ${report.complaints.total}.</p>
${ikmSection(report)}
${complianceSection(report)}
<section><h2>Tiket per kategori</h2>${barChart("Tiket per kategori", countBars(report.tickets.byCategory))}
${countTable("Tiket per kategori", report.tickets.byCategory)}</section>
<section><h2>Tiket per kanal</h2>${barChart("Tiket per kanal", countBars(report.tickets.byChannel))}
${countTable("Tiket per kanal", report.tickets.byChannel)}</section>`;
  return page(`Laporan bulanan ${report.monthLabel}`, body, viewer);
}
