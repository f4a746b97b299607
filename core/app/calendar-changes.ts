// The office calendar changed in the web console (/konsol/kalender): a holiday
// added or removed, a special day set or removed, a weekday's hours set. The
// change is checked against the rows in the database (not a cached copy), the
// resulting calendar must pass the calendar schema, and the row and its audit
// entry go in one transaction. Then every process is told (CalendarProvider).
// Deadlines already computed keep their stored due time; see docs/operations.md.

import { err, ok, type Result } from "../domain/shared/result.ts";
import type { BusinessCalendar, WorkingInterval } from "../domain/sla/business-calendar.schema.ts";
import { localDate } from "../domain/sla/business-calendar.ts";
import {
  applyCalendarOverrides,
  type CalendarDayChange,
  type CalendarOverrides,
  type Weekday,
} from "../domain/sla/calendar-overrides.ts";
import type { CalendarProvider } from "../infra/calendar-provider.ts";
import type { PrismaClient } from "../infra/db.ts";
import { type AuditActor, recordAudit } from "../infra/stores/audit.store.ts";
import {
  readCalendarOverrides,
  saveCalendarDay,
  saveCalendarWeekday,
} from "../infra/stores/calendar.store.ts";

export type CalendarChange =
  | { type: "holiday_add"; date: string; name: string }
  | { type: "holiday_remove"; date: string }
  | { type: "special_day_set"; date: string; hours: WorkingInterval[] }
  | { type: "special_day_remove"; date: string }
  | { type: "weekly_hours_set"; weekday: Weekday; hours: WorkingInterval[] };

export interface CalendarChangeDeps {
  prisma: PrismaClient;
  calendar: Pick<CalendarProvider, "base" | "current" | "changed">;
  now: () => Date;
}

const hoursText = (hours: readonly WorkingInterval[]) =>
  hours.length ? hours.map((h) => `${h.start}-${h.end}`).join(",") : "tutup";

/** The date's new row (null: back to the files), or what to tell the agent. */
function dayChange(
  change: Exclude<CalendarChange, { type: "weekly_hours_set" }>,
  base: BusinessCalendar,
  effective: BusinessCalendar,
): Result<CalendarDayChange | null, string> {
  const { date } = change;
  switch (change.type) {
    case "holiday_add":
      if (effective.holidays.includes(date)) return err("Tanggal itu sudah hari libur.");
      return ok({ date, kind: "HOLIDAY", name: change.name });
    case "holiday_remove":
      if (!effective.holidays.includes(date)) return err("Tanggal itu bukan hari libur.");
      // A holiday of the files stays out through a WORKING_DAY row; one added here is just removed.
      return ok(base.holidays.includes(date) ? { date, kind: "WORKING_DAY" } : null);
    case "special_day_set":
      return ok({ date, kind: "SPECIAL", hours: change.hours });
    case "special_day_remove": {
      if (!effective.specialDays.some((day) => day.date === date)) {
        return err("Tanggal itu tidak memiliki jam khusus.");
      }
      // The date runs on its weekday's hours: a special day of the files stays out through a row.
      const inFiles = base.specialDays.some((day) => day.date === date);
      return ok(inFiles ? { date, kind: "WORKING_DAY" } : null);
    }
  }
}

/** Applies one change for `actor`; an error text in Bahasa Indonesia when it is refused. */
export async function changeCalendar(
  deps: CalendarChangeDeps,
  actor: AuditActor,
  change: CalendarChange,
): Promise<Result<void, string>> {
  const current = await readCalendarOverrides(deps.prisma);
  // Checked against the rows as they are now, not this process's cached copy.
  const fresh = applyCalendarOverrides(deps.calendar.base, current);
  const effective = fresh.ok ? fresh.value : deps.calendar.current();
  let next: CalendarOverrides;
  let save: (tx: Parameters<typeof saveCalendarDay>[0]) => Promise<void>;
  let detail: Record<string, string>;
  if (change.type === "weekly_hours_set") {
    next = { ...current, weeklyHours: { ...current.weeklyHours, [change.weekday]: change.hours } };
    save = (tx) => saveCalendarWeekday(tx, change.weekday, change.hours);
    detail = { weekday: change.weekday, hours: hoursText(change.hours) };
  } else {
    const today = localDate(deps.now(), effective);
    if (change.date < today) {
      return err("Tanggal sudah lewat. Perubahan hanya untuk hari ini atau tanggal mendatang.");
    }
    const row = dayChange(change, deps.calendar.base, effective);
    if (!row.ok) return row;
    const others = current.days.filter((day) => day.date !== change.date);
    next = { ...current, days: row.value ? [...others, row.value] : others };
    save = (tx) => saveCalendarDay(tx, change.date, row.value);
    detail =
      change.type === "special_day_set"
        ? { date: change.date, hours: hoursText(change.hours) }
        : { date: change.date };
  }
  const merged = applyCalendarOverrides(deps.calendar.base, next);
  if (!merged.ok) return err(merged.error.message);
  await deps.prisma.$transaction(async (tx) => {
    await save(tx);
    await recordAudit(tx, {
      actor,
      action: `calendar.${change.type}`,
      detail: { ...detail, via: "console" },
    });
  });
  await deps.calendar.changed();
  return ok(undefined);
}
