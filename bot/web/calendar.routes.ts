// GET /konsol/kalender (every role): the office calendar the service times run
// on now: the files' calendar (WORKFLOW calendar and holiday files) with the
// changes made here. SUPERVISOR and ADMIN also change it (POST, CSRF, audited
// as calendar.<change>): /libur (add a holiday), /libur/hapus (a holiday
// becomes a working day), /khusus (other hours on a date), /khusus/hapus, and
// /mingguan (a weekday's hours). Every process picks the change up without a
// restart (core/infra/calendar-provider.ts).
import type { FastifyInstance } from "fastify";
import { type CalendarChange, changeCalendar } from "../../core/app/calendar-changes.ts";
import { localDate } from "../../core/domain/sla/business-calendar.ts";
import type { CalendarProvider } from "../../core/infra/calendar-provider.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { ALL_ROLES } from "./access.ts";
import { type CalendarForm, readCalendarForm } from "./calendar.form.ts";
import { calendarPage } from "./calendar.page.ts";
import { page } from "./html.ts";
import { agentOf, sendHtml, sendMessage, viewerOf } from "./respond.ts";

/** Who may change the calendar (docs/console.md). */
const CALENDAR_EDITORS = ["SUPERVISOR", "ADMIN"] as const;

const POSTS: readonly [string, CalendarChange["type"]][] = [
  ["/konsol/kalender/libur", "holiday_add"],
  ["/konsol/kalender/libur/hapus", "holiday_remove"],
  ["/konsol/kalender/khusus", "special_day_set"],
  ["/konsol/kalender/khusus/hapus", "special_day_remove"],
  ["/konsol/kalender/mingguan", "weekly_hours_set"],
];

export function registerCalendarRoutes(
  app: FastifyInstance,
  deps: {
    now: () => Date;
    prisma: PrismaClient;
    calendar: Pick<CalendarProvider, "base" | "current" | "overrides" | "changed">;
  },
) {
  app.get("/konsol/kalender", { config: { access: ALL_ROLES } }, (request, reply) => {
    const viewer = viewerOf(request, reply);
    const calendar = deps.calendar.current();
    const editor = (CALENDAR_EDITORS as readonly string[]).includes(viewer.role);
    const body = calendarPage({
      calendar,
      overrides: deps.calendar.overrides(),
      today: localDate(deps.now(), calendar),
      ...(editor ? { editCsrf: viewer.csrf } : {}),
    });
    return sendHtml(reply, 200, page("Kalender layanan", body, viewer));
  });

  for (const [url, kind] of POSTS) {
    app.post<{ Body: CalendarForm }>(
      url,
      { config: { access: CALENDAR_EDITORS }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const change = readCalendarForm(kind, request.body ?? {});
        const done = change.ok
          ? await changeCalendar(
              deps,
              { type: "AGENT", agentId: agentOf(request).id },
              change.value,
            )
          : change;
        if (!done.ok) {
          return sendMessage(request, reply, 400, "Kalender tidak diubah", done.error);
        }
        return reply.redirect("/konsol/kalender", 303);
      },
    );
  }
}
