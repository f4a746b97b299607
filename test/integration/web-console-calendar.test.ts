// /konsol/kalender: the office calendar the console was started with (the
// bot's, loaded from its files), holidays from the current WIB year on.
import { describe, expect, it } from "vitest";
import { BusinessCalendarSchema } from "../../core/domain/sla/business-calendar.schema.ts";
import { createLogger } from "../../core/infra/logger.ts";
import {
  AGENT_PASSWORD,
  browser,
  startWebConsole,
  webConsoleFixture,
} from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-calendar", logger);

describe("/konsol/kalender", () => {
  it("lists the weekly hours, this year's holidays and special days, not past years'", async () => {
    const year = new Date(f.nowMs + 7 * 3600_000).getUTCFullYear();
    const calendar = BusinessCalendarSchema.parse({
      holidays: [`${year - 1}-12-25`, `${year}-08-17`, `${year + 1}-01-01`],
      specialDays: [{ date: `${year}-03-10`, hours: [{ start: "08:00", end: "14:00" }] }],
    });
    const web = await startWebConsole({
      prisma: f.db.prisma,
      logger,
      prefix: f.prefix,
      now: f.now,
      calendar,
    });
    try {
      const b = browser(web.app);
      await b.signIn("helpdesk", AGENT_PASSWORD);
      const res = await b.get("/konsol/kalender");
      expect(res.statusCode).toBe(200);
      const long = (iso: string) =>
        new Intl.DateTimeFormat("id-ID", { dateStyle: "full", timeZone: "UTC" }).format(
          new Date(`${iso}T00:00:00Z`),
        );
      expect(res.body).toContain(`<li>${long(`${year}-08-17`)}</li>`);
      expect(res.body).toContain(`<li>${long(`${year + 1}-01-01`)}</li>`);
      expect(res.body).not.toContain(long(`${year - 1}-12-25`));
      expect(res.body).toContain(`${long(`${year}-03-10`)}: 08:00–14:00`);
      expect(res.body).toContain("<tr><td>Senin</td><td>07:30–16:00</td></tr>");
      expect(res.body).toContain("<tr><td>Minggu</td><td>tutup</td></tr>");
      expect(res.body).toContain('href="/konsol/kalender"');
    } finally {
      await web.close();
    }
    const plain = browser(f.web.app);
    await plain.signIn("analis", AGENT_PASSWORD);
    expect((await plain.get("/konsol/kalender")).body).toContain(
      "Belum ada hari libur yang dimuat",
    );
  });
});
