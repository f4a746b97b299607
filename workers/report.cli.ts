// `npm run report -- 2026-11 [--out DIR]`: the month's report as PDF (with
// charts) and CSV in ./reports/ (or DIR), for the office's monthly
// reporting. Without a month it reports the previous WIB month. Every export
// is written to the audit trail ("report.export").
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { exportMonthlyReport } from "../core/app/monthly-report.ts";
import { parseReportMonth } from "../core/app/report-month.ts";
import { ConfigError, loadConfig, loadDotEnv } from "../core/config.ts";
import { DEFAULT_SLA_POLICY } from "../core/domain/sla/sla.policy.ts";
import { officeCalendar } from "../core/infra/business-calendar.config.ts";
import { openDatabase } from "../core/infra/db.ts";
import { recordAudit } from "../core/infra/stores/audit.store.ts";

function parseArgs(argv: string[]): { month: string | undefined; out: string } {
  let month: string | undefined;
  let out = "reports";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--out") out = argv[++i] ?? out;
    else if (arg.startsWith("--out=")) out = arg.slice("--out=".length);
    else month = arg;
  }
  return { month, out };
}

try {
  const { month, out } = parseArgs(process.argv.slice(2));
  if (month !== undefined && !parseReportMonth(month)) {
    console.error(
      `Bulan tidak valid: "${month}" (format TTTT-BB, mis. 2026-11) / invalid month: use YYYY-MM, e.g. 2026-11`,
    );
    process.exit(2);
  }
  loadDotEnv();
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const result = await exportMonthlyReport(
      {
        prisma: db.prisma,
        documents: config.documents,
        calendar: await officeCalendar(config, db.prisma),
        slaPolicy: DEFAULT_SLA_POLICY,
      },
      month,
    );
    const dir = path.resolve(out);
    await mkdir(dir, { recursive: true });
    const pdfFile = path.join(dir, `${result.fileBase}.pdf`);
    const csvFile = path.join(dir, `${result.fileBase}.csv`);
    await writeFile(pdfFile, result.pdf);
    await writeFile(csvFile, result.csv, "utf8");
    await recordAudit(db.prisma, {
      actor: { type: "SYSTEM", name: "report-cli" },
      action: "report.export",
      detail: {
        month: result.report.month,
        files: [path.basename(pdfFile), path.basename(csvFile)],
        tickets: result.report.tickets.total,
      },
    });
    console.log(result.summaryText);
    console.log("");
    console.log(`Laporan ditulis / report written:\n  ${pdfFile}\n  ${csvFile}`);
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
}
