// The few lines posted with the report in the agents' chat (Bahasa Indonesia).
import type { MonthlyReport } from "./monthly-report.model.ts";
import { ikmText, minutesText, percentText } from "./monthly-report.pdf.ts";
import { selfServiceSummaryLine } from "./self-service-report.ts";

export function monthlyReportSummary(report: MonthlyReport): string {
  const top = report.tickets.byCategory.find((row) => row.count > 0);
  const stages = report.compliance.stages
    .map((s) => `${s.label} ${percentText(s.rate)} (${s.onTime}/${s.finished})`)
    .join("; ");
  const complaints = report.complaints.byStatus.map((r) => `${r.label} ${r.count}`).join(", ");
  return [
    `Laporan bulanan ${report.monthLabel} — ${report.office.name}`,
    `Tiket masuk: ${report.tickets.total}${top ? ` (terbanyak: ${top.label}, ${top.count})` : ""}`,
    `Tiket selesai: ${report.handling.resolved}; median waktu penanganan ${minutesText(
      report.handling.medianMinutes,
    )}, persentil ke-90 ${minutesText(report.handling.p90Minutes)}`,
    `Kepatuhan waktu layanan: ${percentText(report.compliance.overall.rate)} (${
      report.compliance.overall.onTime
    }/${report.compliance.overall.finished}) — ${stages}`,
    `IKM: ${ikmText(report)} dari ${report.ikm.respondents} responden`,
    `Pengaduan: ${report.complaints.total} (${complaints})`,
    ...(report.selfService ? [selfServiceSummaryLine(report.selfService)] : []),
  ].join("\n");
}
