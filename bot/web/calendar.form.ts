// The calendar forms of /konsol/kalender read into a CalendarChange, or the
// reason (Bahasa Indonesia) the form cannot be used: a bad date, a bad time,
// closing not after opening, an unknown weekday, a missing name.
import type { CalendarChange } from "../../core/app/calendar-changes.ts";
import { err, ok, type Result } from "../../core/domain/shared/result.ts";
import {
  IsoDateSchema,
  minutesOfDay,
  WEEKDAYS,
  type WorkingInterval,
} from "../../core/domain/sla/business-calendar.schema.ts";

export type CalendarForm = Partial<
  Record<"date" | "name" | "open" | "close" | "closed" | "weekday", string>
>;

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/u;

function dateOf(form: CalendarForm): Result<string, string> {
  const date = String(form.date ?? "").trim();
  return IsoDateSchema.safeParse(date).success
    ? ok(date)
    : err("Tanggal tidak valid. Gunakan format TTTT-BB-HH, misalnya 2027-01-01.");
}

function hoursOf(form: CalendarForm): Result<WorkingInterval[], string> {
  if (form.closed === "1") return ok([]);
  const start = String(form.open ?? "").trim();
  const end = String(form.close ?? "").trim();
  if (!TIME.test(start) || !TIME.test(end)) {
    return err("Jam tidak valid. Gunakan format JJ:MM, misalnya 07:30.");
  }
  if (minutesOfDay(end) <= minutesOfDay(start)) {
    return err("Jam tutup harus sesudah jam buka.");
  }
  return ok([{ start, end }]);
}

type Kind = CalendarChange["type"];

export function readCalendarForm(kind: Kind, form: CalendarForm): Result<CalendarChange, string> {
  if (kind === "weekly_hours_set") {
    const weekday = WEEKDAYS.find((d) => d === form.weekday);
    if (!weekday) return err("Hari tidak dikenal. Silakan pilih hari dari daftar.");
    const hours = hoursOf(form);
    return hours.ok ? ok({ type: kind, weekday, hours: hours.value }) : hours;
  }
  const date = dateOf(form);
  if (!date.ok) return date;
  switch (kind) {
    case "holiday_add": {
      const name = String(form.name ?? "").trim();
      if (!name || name.length > 100) {
        return err("Nama hari libur wajib diisi (paling banyak 100 huruf).");
      }
      return ok({ type: kind, date: date.value, name });
    }
    case "special_day_set": {
      const hours = hoursOf(form);
      return hours.ok ? ok({ type: kind, date: date.value, hours: hours.value }) : hours;
    }
    case "holiday_remove":
    case "special_day_remove":
      return ok({ type: kind, date: date.value });
  }
}
