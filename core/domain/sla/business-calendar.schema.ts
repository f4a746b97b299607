// The office's working time as configuration: a fixed UTC offset (WIB has no
// daylight saving, so plain arithmetic is exact and no Intl/tz data is needed),
// hours per weekday, holidays and special days (e.g. shorter Ramadan hours).
import { z } from "zod";
import type { Result } from "../shared/result.ts";
import { err, ok } from "../shared/result.ts";

/** "HH:MM" local time; "24:00" allowed as an end of day. */
const TimeSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, "format jam HH:MM / time must be HH:MM");

export function minutesOfDay(time: string): number {
  const [hours = "0", minutes = "0"] = time.split(":");
  return Number(hours) * 60 + Number(minutes);
}

export const WorkingIntervalSchema = z
  .strictObject({ start: TimeSchema, end: TimeSchema })
  .refine((interval) => minutesOfDay(interval.start) < minutesOfDay(interval.end), {
    message: "jam mulai harus sebelum jam selesai / start must be before end",
  });
export type WorkingInterval = z.infer<typeof WorkingIntervalSchema>;

/** A day's working intervals, in order and not overlapping; [] = closed. */
export const DayHoursSchema = z.array(WorkingIntervalSchema).refine(
  (intervals) =>
    intervals.every((interval, i) => {
      const previous = intervals[i - 1];
      return previous === undefined || minutesOfDay(previous.end) <= minutesOfDay(interval.start);
    }),
  {
    message:
      "interval harus urut dan tidak tumpang tindih / intervals must be ordered, not overlapping",
  },
);

/** A calendar date in the office's time zone. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "format tanggal YYYY-MM-DD / date must be YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "tanggal tidak ada / no such date");

export const WEEKDAYS = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;

const officeDay = [{ start: "07:30", end: "16:00" }];

export const BusinessCalendarSchema = z
  .strictObject({
    /** Minutes east of UTC; WIB (Asia/Jakarta) = +07:00 = 420. */
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-12 * 60)
      .max(14 * 60)
      .default(7 * 60),
    /**
     * Hours per weekday. Default Monday-Friday 07:30-16:00. Offices on the
     * five-day week often work Friday 07:30-16:30 with a longer Friday-prayer
     * break; set `friday` (and breaks as separate intervals) to match.
     */
    weeklyHours: z
      .strictObject({
        sunday: DayHoursSchema,
        monday: DayHoursSchema,
        tuesday: DayHoursSchema,
        wednesday: DayHoursSchema,
        thursday: DayHoursSchema,
        friday: DayHoursSchema,
        saturday: DayHoursSchema,
      })
      .default({
        sunday: [],
        monday: officeDay,
        tuesday: officeDay,
        wednesday: officeDay,
        thursday: officeDay,
        friday: officeDay,
        saturday: [],
      }),
    /** National holidays and cuti bersama (local dates): closed all day. */
    holidays: z.array(IsoDateSchema).default([]),
    /** Dates with other hours than their weekday, e.g. Ramadan; [] = closed. */
    specialDays: z
      .array(z.strictObject({ date: IsoDateSchema, hours: DayHoursSchema }))
      .default([]),
  })
  .superRefine((calendar, ctx) => {
    if (WEEKDAYS.every((day) => calendar.weeklyHours[day].length === 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["weeklyHours"],
        message: "minimal satu hari kerja / at least one working day is required",
      });
    }
    const holidays = new Set(calendar.holidays);
    const special = new Set<string>();
    calendar.specialDays.forEach((day, index) => {
      if (holidays.has(day.date) || special.has(day.date)) {
        ctx.addIssue({
          code: "custom",
          path: ["specialDays", index, "date"],
          message: `tanggal ${day.date} ganda / date ${day.date} listed twice`,
        });
      }
      special.add(day.date);
    });
  });

export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;
export type BusinessCalendarInput = z.input<typeof BusinessCalendarSchema>;

/** Monday-Friday 07:30-16:00 WIB, no holidays (load the year's list from config). */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = BusinessCalendarSchema.parse({});

export interface BusinessCalendarError {
  code: "INVALID_BUSINESS_CALENDAR";
  message: string;
  messageEn: string;
  /** One line per problem: "path: message". */
  issues: string[];
}

/** Validates a calendar read from JSON or the environment. */
export function parseBusinessCalendar(
  input: unknown,
): Result<BusinessCalendar, BusinessCalendarError> {
  const parsed = BusinessCalendarSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map(
    (issue) => `${issue.path.join(".") || "(akar/root)"}: ${issue.message}`,
  );
  return err({
    code: "INVALID_BUSINESS_CALENDAR",
    message: `Kalender kerja tidak valid: ${issues.join("; ")}`,
    messageEn: `Invalid business calendar: ${issues.join("; ")}`,
    issues,
  });
}
