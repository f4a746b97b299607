// The reports routes: GET /konsol/laporan?bulan=YYYY-MM (the figures as a
// page, the previous WIB month without `bulan`) and
// GET /konsol/laporan/unduh?bulan=...&format=pdf|csv (the desk's /laporan
// files, exportMonthlyReport; each download audited as report.export).
import type { FastifyInstance } from "fastify";
import { buildMonthlyReport } from "../../core/app/monthly-figures.ts";
import { exportMonthlyReport } from "../../core/app/monthly-report.ts";
import { parseReportMonth, previousReportMonth } from "../../core/app/report-month.ts";
import type { Config } from "../../core/config.ts";
import type { CalendarSource } from "../../core/domain/sla/calendar-overrides.ts";
import type { AgentRole } from "../../core/domain/ticket/ticket.enums.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { reportPage } from "./report.page.ts";
import { agentOf, sendHtml, sendMessage, viewerOf } from "./respond.ts";

/** Aggregate figures only; the same roles as the desk's /audit. */
export const REPORT_ROLES: readonly AgentRole[] = ["ANALIS", "SUPERVISOR", "ADMIN"];

export interface ReportRouteDeps {
  prisma: PrismaClient;
  now: () => Date;
  /** Letterhead of the PDF; the service standard's office when absent. */
  documents?: Pick<Config["documents"], "officeName" | "officeAddress">;
  /** The office calendar, so service times skip holidays (as the desk's report). */
  calendar: CalendarSource;
}

const BAD_MONTH = "Bulan tidak dikenali. Gunakan format TTTT-BB, misalnya 2026-11.";
const FORMATS = new Set(["pdf", "csv"]);

type Query = { bulan?: string; format?: string };

export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps) {
  const monthOf = (query: Query) => {
    const text = typeof query.bulan === "string" ? query.bulan : previousReportMonth(deps.now());
    return parseReportMonth(text)?.month ?? null;
  };
  const options = () => ({ calendar: deps.calendar.current(), now: deps.now });

  app.get<{ Querystring: Query }>(
    "/konsol/laporan",
    { config: { access: REPORT_ROLES } },
    async (request, reply) => {
      const month = monthOf(request.query);
      if (!month) return sendMessage(request, reply, 400, "Bulan tidak valid", BAD_MONTH);
      const report = await buildMonthlyReport(deps.prisma, month, {
        ...options(),
        ...(deps.documents
          ? { office: { name: deps.documents.officeName, address: deps.documents.officeAddress } }
          : {}),
      });
      return sendHtml(reply, 200, reportPage(viewerOf(request, reply), report));
    },
  );

  app.get<{ Querystring: Query }>(
    "/konsol/laporan/unduh",
    { config: { access: REPORT_ROLES } },
    async (request, reply) => {
      const month = monthOf(request.query);
      if (!month) return sendMessage(request, reply, 400, "Bulan tidak valid", BAD_MONTH);
      const format = String(request.query.format ?? "");
      if (!FORMATS.has(format)) {
        return sendMessage(
          request,
          reply,
          400,
          "Format tidak valid",
          "Format unduhan tidak dikenali. Pilih PDF atau CSV.",
        );
      }
      const exported = await exportMonthlyReport(
        {
          prisma: deps.prisma,
          ...(deps.documents ? { documents: deps.documents } : {}),
          ...options(),
        },
        month,
      );
      await recordAudit(deps.prisma, {
        actor: { type: "AGENT", agentId: agentOf(request).id },
        action: "report.export",
        detail: { month, via: "console", format },
      });
      const fileName = `${exported.fileBase}.${format}`;
      reply.header("content-disposition", `attachment; filename="${fileName}"`);
      return format === "pdf"
        ? reply.code(200).type("application/pdf").send(exported.pdf)
        : reply.code(200).type("text/csv; charset=utf-8").send(exported.csv);
    },
  );
}
