// The monthly report as files (for /laporan in the agent desk and
// `npm run report`): the month's figures (monthly-figures.ts) rendered as a
// PDF with charts, a CSV and a short summary for the agents' chat.

import type { Config } from "../config.ts";
import { monthlyReportFileBase } from "../content/messages/documents.messages.ts";
import { monthlyReportCsv } from "../documents/monthly-report.csv.ts";
import type { MonthlyReport } from "../documents/monthly-report.model.ts";
import { renderMonthlyReportPdf } from "../documents/monthly-report.pdf.ts";
import { monthlyReportSummary } from "../documents/monthly-report.summary.ts";
import type { BusinessCalendar } from "../domain/sla/business-calendar.schema.ts";
import type { SlaPolicy } from "../domain/sla/sla.policy.ts";
import type { PrismaClient } from "../infra/db.ts";
import { buildMonthlyReport } from "./monthly-figures.ts";
import { previousReportMonth } from "./report-month.ts";

export interface MonthlyReportExport {
  report: MonthlyReport;
  pdf: Buffer;
  csv: string;
  /** A few lines for the agents' chat (Bahasa Indonesia). */
  summaryText: string;
  /** "laporan-bulanan-2026-11": name the .pdf and .csv after it. */
  fileBase: string;
}

/**
 * What `/laporan [bulan]` posts: the month's PDF (with charts), CSV and a
 * short summary. `month` is "YYYY-MM"; the previous WIB month when absent.
 * Throws ReportMonthError for a malformed month.
 */
export async function exportMonthlyReport(
  deps: {
    prisma: PrismaClient;
    documents?: Pick<Config["documents"], "officeName" | "officeAddress">;
    calendar?: BusinessCalendar;
    slaPolicy?: SlaPolicy;
    now?: () => Date;
  },
  month?: string,
): Promise<MonthlyReportExport> {
  const now = deps.now ?? (() => new Date());
  const which = month ?? previousReportMonth(now());
  const report = await buildMonthlyReport(deps.prisma, which, {
    ...(deps.calendar ? { calendar: deps.calendar } : {}),
    ...(deps.slaPolicy ? { slaPolicy: deps.slaPolicy } : {}),
    ...(deps.documents
      ? { office: { name: deps.documents.officeName, address: deps.documents.officeAddress } }
      : {}),
    now,
  });
  return {
    report,
    pdf: await renderMonthlyReportPdf(report),
    csv: monthlyReportCsv(report),
    summaryText: monthlyReportSummary(report),
    fileBase: monthlyReportFileBase(report.month),
  };
}
