// The service-time buckets of the console on real PostgreSQL and Redis: the
// list's SLA filter (on time / near the deadline / late, as slaPlan reads the
// clock) and the SLA board per stage, agent and team. The office is open
// round the clock here and the console's clock stands at noon WIB of the real
// today, so business minutes are plain minutes and "today" has room both ways.
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SLA_POLICY } from "../../core/domain/sla/sla.policy.ts";
import { createLogger } from "../../core/infra/logger.ts";
import {
  ALWAYS_OPEN,
  DAY,
  MINUTE,
  numbersIn,
  seedTicket,
  wibNoonOf,
} from "../support/console-tickets.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-sla", logger, { calendar: ALWAYS_OPEN });
const t: Record<string, { number: string }> = {};
// The reminder (the domain's "near the deadline") comes when this much of a
// 15-minute target is left.
const nearWindow = DEFAULT_SLA_POLICY.teamMinutes * (1 - DEFAULT_SLA_POLICY.reminderFraction);

beforeAll(async () => {
  f.nowMs = wibNoonOf(Date.now());
  const now = f.nowMs;
  const agents = await f.db.prisma.agent.findMany({ select: { id: true, role: true } });
  const agent = (role: string) => agents.find((a) => a.role === role)?.id ?? null;
  const clock = (stage: string, dueInMinutes: number, extra: object = {}) => ({
    status: stage === "HELPDESK" ? ("BARU" as const) : ("DIPROSES" as const),
    slaStage: stage,
    slaDueAt: new Date(now + dueInMinutes * MINUTE),
    ...extra,
  });
  const at = new Date(now - 60 * MINUTE);
  t.late = await seedTicket(f.db, {
    createdAt: at,
    set: clock("TEAM", -5, { team: "VERIFIKATOR", assigneeId: agent("HELPDESK") }),
  });
  t.lateHelpdesk = await seedTicket(f.db, { createdAt: at, set: clock("HELPDESK", -1) });
  t.near = await seedTicket(f.db, { createdAt: at, set: clock("HELPDESK", nearWindow - 1) });
  t.onTime = await seedTicket(f.db, {
    createdAt: at,
    set: clock("TEAM", nearWindow + 7, { team: "ADMIN", assigneeId: agent("ADMIN") }),
  });
  // Paused (waiting for the user): due in a minute, yet in no bucket.
  t.paused = await seedTicket(f.db, {
    createdAt: at,
    set: clock("TEAM", 1, { team: "ADMIN", slaPausedAt: new Date(now - MINUTE) }),
  });
  t.tomorrow = await seedTicket(f.db, {
    createdAt: at,
    set: clock("TEAM", DAY / MINUTE, { team: "ADMIN", assigneeId: agent("ADMIN") }),
  });
  t.finished = await seedTicket(f.db, { createdAt: at, set: { status: "SELESAI" } });
});

const n = (...keys: string[]) => keys.map((k) => t[k]?.number ?? "").sort();

describe("the SLA state filter", () => {
  it("puts each running clock in its bucket, paused and finished ones in none", async () => {
    const b = browser(f.web.app);
    await b.signIn("helpdesk", AGENT_PASSWORD);
    const bucket = async (sla: string) => numbersIn((await b.get(`/konsol/tiket?sla=${sla}`)).body);
    expect(await bucket("TERLAMBAT")).toEqual(n("late", "lateHelpdesk"));
    expect(await bucket("MENDEKATI")).toEqual(n("near"));
    expect(await bucket("TEPAT_WAKTU")).toEqual(n("onTime", "tomorrow"));
    expect(numbersIn((await b.get("/konsol/tiket?sla=TERLAMBAT&tahap=TEAM")).body)).toEqual(
      n("late"),
    );
    const csv = (await b.get("/konsol/tiket.csv?sla=MENDEKATI")).body;
    expect(csv).toContain(`"${t.near?.number}"`);
    expect(csv).toContain('"Mendekati batas"');
    expect(csv.trimEnd().split("\r\n")).toHaveLength(2);
  });
});

describe("/konsol/sla", () => {
  const row = (key: string, late: string[], due: string[]) =>
    `<tr><th scope="row">${key}</th><td>${late.length}</td><td>${late.join(", ") || "—"}</td><td>${due.length}</td><td>${due.join(", ") || "—"}</td></tr>`;

  it("shows what is late and what falls due today, per stage, agent and team", async () => {
    const b = browser(f.web.app);
    await b.signIn("analis", AGENT_PASSWORD);
    const res = await b.get("/konsol/sla");
    expect(res.statusCode).toBe(200);
    const body = res.body;
    // Oldest due first within a group.
    expect(body).toContain(row("Tim", n("late"), n("onTime")));
    expect(body).toContain(row("Helpdesk", n("lateHelpdesk"), n("near")));
    expect(body).toContain(row("Petugas HELPDESK", n("late"), []));
    expect(body).toContain(row("Petugas ADMIN", [], n("onTime")));
    expect(body).toContain(row("Belum ada petugas", n("lateHelpdesk"), n("near")));
    expect(body).toContain(row("VERIFIKATOR", n("late"), []));
    expect(body).toContain(row("ADMIN", [], n("onTime")));
    expect(body).toContain(row("Belum ada tim", n("lateHelpdesk"), n("near")));
    for (const key of ["paused", "tomorrow", "finished"]) {
      expect(body, key).not.toContain(t[key]?.number ?? "?");
    }
    expect(body).toContain('<a href="/konsol/sla">Papan SLA</a>');
  });

  it("is for supervisors, admins and analysts only", async () => {
    for (const [role, status] of [
      ["supervisor", 200],
      ["admin", 200],
      ["helpdesk", 403],
      ["verifikator", 403],
    ] as const) {
      const b = browser(f.web.app);
      await b.signIn(role, AGENT_PASSWORD);
      const res = await b.get("/konsol/sla");
      expect(res.statusCode, role).toBe(status);
      if (status === 403) {
        expect(res.body).toContain("Tidak diizinkan");
        expect((await b.get("/konsol/tiket")).body).not.toContain("Papan SLA");
      }
    }
  });
});
