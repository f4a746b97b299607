// The calendar changes made in the web console (calendar_days, one row per
// date; calendar_weekdays, one row per weekday set). Read back as the domain's
// CalendarOverrides; a row that no longer parses makes the read fail (the
// provider then keeps its last good calendar).
import { z } from "zod";
import {
  DayHoursSchema,
  IsoDateSchema,
  WEEKDAYS,
  type WorkingInterval,
} from "../../domain/sla/business-calendar.schema.ts";
import type {
  CalendarDayChange,
  CalendarOverrides,
  Weekday,
} from "../../domain/sla/calendar-overrides.ts";
import { Prisma, type PrismaClient } from "../db.ts";
import type { Tx } from "./tx.ts";

const DayRowSchema = z.discriminatedUnion("kind", [
  z.object({ date: IsoDateSchema, kind: z.literal("HOLIDAY"), name: z.string() }),
  z.object({ date: IsoDateSchema, kind: z.literal("WORKING_DAY") }),
  z.object({ date: IsoDateSchema, kind: z.literal("SPECIAL"), hours: DayHoursSchema }),
]);

export async function readCalendarOverrides(prisma: PrismaClient): Promise<CalendarOverrides> {
  const [days, weekdays] = await Promise.all([
    prisma.calendarDay.findMany({ orderBy: { date: "asc" } }),
    prisma.calendarWeekday.findMany(),
  ]);
  const weeklyHours: Partial<Record<Weekday, WorkingInterval[]>> = {};
  for (const row of weekdays) {
    const weekday = z.enum(WEEKDAYS).parse(row.weekday);
    weeklyHours[weekday] = DayHoursSchema.parse(row.hours);
  }
  return {
    days: days.map((row) =>
      DayRowSchema.parse({ date: row.date, kind: row.kind, name: row.name, hours: row.hours }),
    ),
    weeklyHours,
  };
}

/** Writes the date's change (replacing any other change of that date), or removes it (null). */
export async function saveCalendarDay(
  tx: Tx,
  date: string,
  change: CalendarDayChange | null,
): Promise<void> {
  if (change === null) {
    await tx.calendarDay.deleteMany({ where: { date } });
    return;
  }
  const data = {
    kind: change.kind,
    name: change.kind === "HOLIDAY" ? change.name : null,
    hours: change.kind === "SPECIAL" ? change.hours : Prisma.DbNull,
  };
  await tx.calendarDay.upsert({ where: { date }, create: { date, ...data }, update: data });
}

export async function saveCalendarWeekday(
  tx: Tx,
  weekday: Weekday,
  hours: WorkingInterval[],
): Promise<void> {
  await tx.calendarWeekday.upsert({
    where: { weekday },
    create: { weekday, hours },
    update: { hours },
  });
}
