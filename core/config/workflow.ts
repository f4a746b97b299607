// Service times (business calendar, holidays) and ticket routing
// (core/infra/business-calendar.config.ts, core/domain/routing).
import { z } from "zod";
import { defineArea, integer, optional, setting, splitList } from "./setting.ts";

export const workflowArea = defineArea("Service times and routing", {
  HOLIDAYS: setting(
    z
      .string()
      .default("")
      .transform(splitList)
      .pipe(z.array(z.iso.date({ error: "tanggal YYYY-MM-DD / dates as YYYY-MM-DD" }))),
    {
      example: "2026-12-25,2027-01-01",
      description: "Closed days for the service-time clock, `YYYY-MM-DD`, comma-separated.",
    },
  ),
  HOLIDAYS_FILE: setting(z.string().default("").transform(splitList), {
    example: "core/content/holidays/indonesia-2026.json,core/content/holidays/indonesia-2027.json",
    description:
      'Confirmed holiday lists (JSON, see "Hari libur / Holidays"), comma-separated; an unconfirmed list stops start-up.',
    allowed: "paths of JSON files, comma-separated",
  }),
  BUSINESS_CALENDAR_FILE: setting(optional(z.string()), {
    example: "./config/calendar.json",
    description:
      'JSON with working hours per weekday, holidays and special days (see "Service times"). Default Monday-Friday 07:30-16:00 WIB.',
    allowed: "path of a JSON file",
  }),
  CALENDAR_REFRESH_SECONDS: setting(integer(10, 86_400).default(300), {
    example: "300",
    description:
      "How often each process re-reads the calendar changes made in the web console (/konsol/kalender), as a fallback to the Redis change message.",
  }),
  ROUTING_RULES_FILE: setting(optional(z.string()), {
    example: "./config/routing.json",
    description:
      'JSON replacing the routing rules (see "Ticket lifecycle"). A bad file stops start-up.',
    allowed: "path of a JSON file",
  }),
});
