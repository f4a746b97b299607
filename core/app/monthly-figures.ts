// The monthly figures of the service, read from the database: tickets by
// category, channel and status; service-time compliance per procedure stage;
// handling times; the IKM of the surveys completed in the month; complaints.
// A month is a WIB calendar month (report-month.ts). Rendering them is
// monthly-report.ts.

import { DEFAULT_CATEGORIES, OFFICE, TICKET_STATUS_TEXT } from "../content/index.ts";
import {
  CHANNEL_LABELS,
  COMPLAINT_STATUS_LABELS,
  monthName,
  SLA_STAGE_LABELS,
} from "../content/messages/documents.messages.ts";
import type {
  CountRow,
  MonthlyReport,
  StageCompliance,
} from "../documents/monthly-report.model.ts";
import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
} from "../domain/sla/business-calendar.schema.ts";
import { DEFAULT_SLA_POLICY, type SlaPolicy } from "../domain/sla/sla.policy.ts";
import { finishedStages, type MeasuredStage } from "../domain/sla/stage-compliance.ts";
import { computeIkm } from "../domain/survey/ikm.ts";
import type { TicketStatus } from "../domain/ticket/ticket.enums.ts";
import type { PrismaClient } from "../infra/db.ts";
import { parseReportMonth, ReportMonthError } from "./report-month.ts";
import { selfServiceFigures } from "./self-service-report.ts";

/**
 * The p-quantile (0-1) by linear interpolation between closest ranks
 * (Excel's PERCENTILE.INC, R type 7): rank h = (n-1)·p, value =
 * x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋]). The median is p = 0.5.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const low = sorted[lo] ?? 0;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)] ?? low;
  return low + (h - lo) * (high - low);
}

export interface MonthlyReportOptions {
  /** The office calendar the service times were kept on (default: Mon-Fri, no holidays). */
  calendar?: BusinessCalendar;
  slaPolicy?: SlaPolicy;
  /** Letterhead; the service standard's office when absent. */
  office?: { name: string; address: string };
  now?: () => Date;
}

const byCountThenOrder = (a: CountRow & { order: number }, b: CountRow & { order: number }) =>
  b.count - a.count || a.order - b.order;

function countRows(
  counts: ReadonlyMap<string, number>,
  catalog: readonly { key: string; label: string }[],
  opts: { keepZero: boolean },
): CountRow[] {
  const rows = catalog.map((item, order) => ({
    ...item,
    count: counts.get(item.key) ?? 0,
    order,
  }));
  let extra = catalog.length;
  for (const [key, count] of counts) {
    if (!catalog.some((item) => item.key === key))
      rows.push({ key, label: key, count, order: extra++ });
  }
  return rows
    .filter((row) => opts.keepZero || row.count > 0)
    .sort(byCountThenOrder)
    .map(({ key, label, count }) => ({ key, label, count }));
}

function compliance(stage: string, finished: number, onTime: number): StageCompliance {
  return {
    stage,
    label: SLA_STAGE_LABELS[stage] ?? (stage === "TOTAL" ? "Seluruh tahap" : stage),
    finished,
    onTime,
    rate: finished === 0 ? null : onTime / finished,
  };
}

/** The month's figures, read from the database. */
export async function buildMonthlyReport(
  prisma: PrismaClient,
  month: string,
  options: MonthlyReportOptions = {},
): Promise<MonthlyReport> {
  const period = parseReportMonth(month);
  if (!period) throw new ReportMonthError(`not a month (YYYY-MM): ${month}`);
  const { start, end } = period;
  const inMonth = { gte: start, lt: end };
  const calendar = options.calendar ?? DEFAULT_BUSINESS_CALENDAR;
  const policy = options.slaPolicy ?? DEFAULT_SLA_POLICY;

  const [byCategory, byChannel, byStatus, stageTickets, resolved, surveys, complaints] =
    await Promise.all([
      prisma.ticket.groupBy({ by: ["category"], where: { createdAt: inMonth }, _count: true }),
      prisma.ticket.groupBy({ by: ["channel"], where: { createdAt: inMonth }, _count: true }),
      prisma.ticket.groupBy({ by: ["status"], where: { createdAt: inMonth }, _count: true }),
      // Every ticket that moved in the month may have finished a stage in it.
      prisma.ticket.findMany({
        where: { events: { some: { createdAt: inMonth } } },
        select: {
          createdAt: true,
          events: {
            select: { fromStatus: true, toStatus: true, createdAt: true },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          },
        },
      }),
      prisma.ticket.findMany({
        where: { resolvedAt: inMonth },
        select: { createdAt: true, resolvedAt: true },
      }),
      prisma.surveyResponse.findMany({
        where: { status: "SELESAI", completedAt: inMonth },
        select: { answers: true },
      }),
      prisma.complaint.groupBy({ by: ["status"], where: { createdAt: inMonth }, _count: true }),
    ]);

  const stageCounts = new Map<MeasuredStage, { finished: number; onTime: number }>([
    ["HELPDESK", { finished: 0, onTime: 0 }],
    ["TEAM", { finished: 0, onTime: 0 }],
  ]);
  for (const ticket of stageTickets) {
    for (const done of finishedStages(ticket, ticket.events, calendar, policy)) {
      if (done.finishedAt < start || done.finishedAt >= end) continue;
      const slot = stageCounts.get(done.stage);
      if (!slot) continue;
      slot.finished += 1;
      if (done.onTime) slot.onTime += 1;
    }
  }
  const stages = [...stageCounts].map(([stage, c]) => compliance(stage, c.finished, c.onTime));
  const overall = compliance(
    "TOTAL",
    stages.reduce((s, c) => s + c.finished, 0),
    stages.reduce((s, c) => s + c.onTime, 0),
  );

  const minutes = resolved
    .filter((t) => t.resolvedAt !== null)
    .map((t) => ((t.resolvedAt?.getTime() ?? 0) - t.createdAt.getTime()) / 60_000);

  const total = byCategory.reduce((sum, row) => sum + row._count, 0);
  const selfService = await selfServiceFigures(prisma, period, total);
  return {
    month: period.month,
    monthLabel: monthName(period.year, period.monthNumber, "id"),
    start,
    end,
    generatedAt: (options.now ?? (() => new Date()))(),
    office: options.office ?? { name: OFFICE.unit, address: OFFICE.address },
    tickets: {
      total,
      byCategory: countRows(
        new Map(byCategory.map((r) => [r.category, r._count])),
        DEFAULT_CATEGORIES.map((c) => ({ key: c.id, label: c.label.id })),
        { keepZero: true },
      ),
      byChannel: countRows(
        new Map(byChannel.map((r) => [r.channel as string, r._count])),
        ["WHATSAPP", "TELEGRAM"].map((key) => ({ key, label: CHANNEL_LABELS[key] ?? key })),
        { keepZero: true },
      ).map((row) => ({ ...row, label: CHANNEL_LABELS[row.key] ?? row.label })),
      byStatus: countRows(
        new Map(byStatus.map((r) => [r.status as string, r._count])),
        (Object.keys(TICKET_STATUS_TEXT) as TicketStatus[]).map((key) => ({
          key,
          label: TICKET_STATUS_TEXT[key].label.id,
        })),
        { keepZero: false },
      ),
    },
    compliance: { stages, overall },
    handling: {
      resolved: minutes.length,
      medianMinutes: percentile(minutes, 0.5),
      p90Minutes: percentile(minutes, 0.9),
    },
    ikm: computeIkm(surveys.map((s) => s.answers)),
    complaints: {
      total: complaints.reduce((sum, row) => sum + row._count, 0),
      byStatus: countRows(
        new Map(complaints.map((r) => [r.status as string, r._count])),
        Object.entries(COMPLAINT_STATUS_LABELS).map(([key, label]) => ({ key, label })),
        { keepZero: true },
      ),
    },
    selfService,
  };
}
