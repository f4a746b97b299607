import {
  clockTime,
  type Language,
  type Localized,
  perLanguage,
  weekdayName,
} from "../../content/index.ts";
import {
  type BusinessCalendar,
  WEEKDAYS,
  type WorkingInterval,
} from "../sla/business-calendar.schema.ts";
import { addBusinessMinutes, isWorkingTime, nextWorkingTime } from "../sla/business-calendar.ts";

/**
 * The office's hours as users read them, written from the same business
 * calendar the service times are counted on, so the two never disagree:
 * "Senin–Jumat 07.30–16.00 WIB" / "Monday–Friday 07:30–16:00 WIB".
 */

/** The week as the office counts it: Monday first. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

function zoneLabel(offsetMinutes: number): string {
  if (offsetMinutes === 420) return "WIB";
  if (offsetMinutes === 480) return "WITA";
  if (offsetMinutes === 540) return "WIT";
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const minutes = abs % 60 === 0 ? "" : `:${String(abs % 60).padStart(2, "0")}`;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes}`;
}

function intervalsText(intervals: readonly WorkingInterval[], language: Language): string {
  const joiner = language === "id" ? " dan " : " and ";
  return intervals
    .map((i) => `${clockTime(i.start, language)}–${clockTime(i.end, language)}`)
    .join(joiner);
}

export function officeHoursText(calendar: BusinessCalendar): Localized {
  // Runs of consecutive days with the same hours: "Senin–Kamis ..., Jumat ...".
  const runs: { first: number; last: number; hours: readonly WorkingInterval[] }[] = [];
  for (const day of WEEK_ORDER) {
    const hours = calendar.weeklyHours[WEEKDAYS[day]];
    const previous = runs[runs.length - 1];
    if (previous !== undefined && JSON.stringify(previous.hours) === JSON.stringify(hours)) {
      previous.last = day;
    } else {
      runs.push({ first: day, last: day, hours });
    }
  }
  const zone = zoneLabel(calendar.utcOffsetMinutes);
  return perLanguage((language) => {
    const open = runs
      .filter((run) => run.hours.length > 0)
      .map((run) => {
        const days =
          run.first === run.last
            ? weekdayName(run.first, language)
            : `${weekdayName(run.first, language)}–${weekdayName(run.last, language)}`;
        return `${days} ${intervalsText(run.hours, language)}`;
      });
    return `${open.join(", ")} ${zone}`;
  });
}

/** When a person can be expected to answer something that arrives at `at`. */
export interface AnswerExpectation {
  /** Whether the office is open now. */
  readonly openNow: boolean;
  /** The next opening (`at` itself when open). */
  readonly opensAt: string;
  /** The end of the service time, counted in working minutes. */
  readonly answerBy: string;
}

export function answerExpectation(
  at: string,
  calendar: BusinessCalendar,
  serviceMinutes: number,
): AnswerExpectation {
  const instant = new Date(at);
  return {
    openNow: isWorkingTime(instant, calendar),
    opensAt: nextWorkingTime(instant, calendar).toISOString(),
    answerBy: addBusinessMinutes(instant, serviceMinutes, calendar).toISOString(),
  };
}
