// The office calendar changed in the console reaches another process without
// a restart: a second calendar provider (as the workers keep one) hears the
// Redis message, and a deadline computed there afterwards skips the new
// holiday, while the deadline computed before keeps its stored due time.
import { describe, expect, it, vi } from "vitest";
import { startCalendarProvider } from "../../core/infra/calendar-provider.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { newTicket, testWorkflow } from "../support/app.ts";
import { ALWAYS_OPEN, MINUTE } from "../support/console-tickets.ts";
import { wibDate, wibInstant } from "../support/office-calendar.ts";
import {
  AGENT_PASSWORD,
  browser,
  calendarProviderOptions,
  webConsoleFixture,
} from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("calendar-live", logger, { calendar: ALWAYS_OPEN });

describe("a holiday added in the console", () => {
  it("moves the deadlines computed afterwards in another process, not the stored ones", async () => {
    const workers = await startCalendarProvider(
      calendarProviderOptions(f.db.prisma, f.prefix, logger, ALWAYS_OPEN),
    );
    try {
      const workflow = testWorkflow({
        db: f.db,
        queueFor: f.web.queueFor,
        logger,
        now: f.now,
        calendar: workers,
      });
      const day = wibDate(f.now(), 2);
      const filedAt = wibInstant(f.now(), 2, "08:00");
      const dueOf = async (id: string) =>
        (await f.db.prisma.ticket.findUniqueOrThrow({ where: { id } })).slaDueAt?.getTime();

      const before = await newTicket(f.db, filedAt);
      expect(await workflow.routeTicket(before.ticketId)).toBe("routed");
      expect(await dueOf(before.ticketId)).toBe(filedAt.getTime() + 15 * MINUTE);

      const supervisor = browser(f.web.app);
      await supervisor.signIn("supervisor", AGENT_PASSWORD);
      const res = await supervisor.post("/konsol/kalender/libur", {
        _csrf: await supervisor.csrf("/konsol/kalender"),
        date: day,
        name: "Cuti bersama",
      });
      expect(res.statusCode).toBe(303);
      // The console's own process has it at once; the other one through Redis.
      expect(f.web.calendar.current().holidays).toContain(day);
      await vi.waitFor(() => expect(workers.current().holidays).toContain(day), {
        timeout: 5000,
      });

      const after = await newTicket(f.db, filedAt);
      expect(await workflow.routeTicket(after.ticketId)).toBe("routed");
      // Closed all that day: the clock starts at the next midnight (always open otherwise).
      expect(await dueOf(after.ticketId)).toBe(
        wibInstant(f.now(), 3, "00:00").getTime() + 15 * MINUTE,
      );
      expect(await dueOf(before.ticketId)).toBe(filedAt.getTime() + 15 * MINUTE);
    } finally {
      await workers.close();
    }
  });
});
