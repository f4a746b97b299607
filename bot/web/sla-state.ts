// Where a ticket's service-time clock stands, for the console: the domain's
// own reading (slaPlan in core/domain/sla) of the sla_* columns, so "near the
// deadline" means what the 80 % reminder means (SlaPolicy.reminderFraction of
// the target in business minutes), not a second definition. Only a running
// clock is on time, near or late; a paused or finished one is in no bucket.

import type { BusinessCalendar } from "../../core/domain/sla/business-calendar.schema.ts";
import type { CalendarSource } from "../../core/domain/sla/calendar-overrides.ts";
import { slaPlan } from "../../core/domain/sla/sla.clock.ts";
import { fromSlaColumns } from "../../core/domain/sla/sla.columns.ts";
import { DEFAULT_SLA_POLICY } from "../../core/domain/sla/sla.policy.ts";
import type { Prisma, PrismaClient } from "../../core/infra/db.ts";
import type { SlaStateFilter } from "./tickets.filter.ts";

export interface SlaDeps {
  prisma: PrismaClient;
  calendar: CalendarSource;
}

type SlaColumns = { slaStage: string | null; slaDueAt: Date | null; slaPausedAt: Date | null };

/** The bucket of one ticket at `now`, or null when its clock is not running. */
export function slaStateOf(
  row: SlaColumns,
  calendar: BusinessCalendar,
  now: Date,
): SlaStateFilter | null {
  const plan = slaPlan(fromSlaColumns(row), calendar, now, DEFAULT_SLA_POLICY);
  if (plan.clock !== "RUNNING") return null;
  if (plan.breached) return "TERLAMBAT";
  return plan.reminderDue ? "MENDEKATI" : "TEPAT_WAKTU";
}

export const SLA_STATE_LABEL: Record<SlaStateFilter, string> = {
  TEPAT_WAKTU: "Tepat waktu",
  MENDEKATI: "Mendekati batas",
  TERLAMBAT: "Terlambat",
};

/** A running clock: a stage with a target, not paused. */
export const RUNNING: Prisma.TicketWhereInput = {
  slaStage: { in: ["HELPDESK", "TEAM"] },
  slaPausedAt: null,
  slaDueAt: { not: null },
};

/**
 * The tickets of one bucket as a where clause. Late is a plain comparison;
 * on time and near need the business calendar, so the running clocks not yet
 * due (open tickets only, a short list) are read through slaPlan.
 */
export async function slaStateWhere(
  deps: SlaDeps,
  state: SlaStateFilter,
  now: Date,
): Promise<Prisma.TicketWhereInput> {
  if (state === "TERLAMBAT") return { ...RUNNING, slaDueAt: { lte: now } };
  const pending = await deps.prisma.ticket.findMany({
    where: { ...RUNNING, slaDueAt: { gt: now } },
    select: { id: true, slaStage: true, slaDueAt: true, slaPausedAt: true },
  });
  const calendar = deps.calendar.current();
  const ids = pending.filter((t) => slaStateOf(t, calendar, now) === state).map((t) => t.id);
  return { id: { in: ids } };
}
