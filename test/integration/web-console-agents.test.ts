// /konsol/petugas on real PostgreSQL and Redis: supervisors change a role and
// deactivate or reactivate an agent (in the database, audited, through
// core/app/agent-admin.ts as the desk's /agen), never their own account, and
// nobody else may open the page.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import {
  AGENT_PASSWORD,
  agentWithAccount,
  browser,
  webConsoleFixture,
} from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-agents", logger);

const supervisorId = async () =>
  (await f.db.prisma.agent.findFirstOrThrow({ where: { name: "Petugas SUPERVISOR" } })).id;

describe("/konsol/petugas", () => {
  it("changes an agent's role and deactivates and reactivates them, each audited", async () => {
    const { agentId } = await agentWithAccount(f.db.prisma, "HELPDESK", "dewi", AGENT_PASSWORD);
    const b = browser(f.web.app);
    await b.signIn("supervisor", AGENT_PASSWORD);
    const list = await b.get("/konsol/petugas");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Petugas HELPDESK");
    expect(list.body).toContain("(akun Bapak/Ibu sendiri)");
    expect(list.body).toContain(`name="agentId" value="${agentId}"`);
    const token = await b.csrf("/konsol/petugas");

    const role = await b.post("/konsol/petugas/peran", {
      _csrf: token,
      agentId,
      role: "VERIFIKATOR",
    });
    expect(role.statusCode).toBe(303);
    expect((await f.db.prisma.agent.findUniqueOrThrow({ where: { id: agentId } })).role).toBe(
      "VERIFIKATOR",
    );
    // The agent's next request already runs with the new role.
    const dewi = browser(f.web.app);
    await dewi.signIn("dewi", AGENT_PASSWORD);
    expect((await dewi.get("/konsol/tiket")).body).toContain("(VERIFIKATOR)");

    const off = await b.post("/konsol/petugas/status", {
      _csrf: token,
      agentId,
      active: "0",
    });
    expect(off.statusCode).toBe(303);
    expect((await f.db.prisma.agent.findUniqueOrThrow({ where: { id: agentId } })).active).toBe(
      false,
    );
    // A deactivated agent's session no longer opens anything.
    expect((await dewi.get("/konsol/tiket")).statusCode).toBe(303);
    expect((await b.get("/konsol/petugas")).body).toContain("Aktifkan kembali");
    const on = await b.post("/konsol/petugas/status", {
      _csrf: token,
      agentId,
      active: "1",
    });
    expect(on.statusCode).toBe(303);
    expect((await f.db.prisma.agent.findUniqueOrThrow({ where: { id: agentId } })).active).toBe(
      true,
    );

    const me = await supervisorId();
    const audits = await f.db.prisma.auditLog.findMany({
      where: { action: { startsWith: "agent." } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(audits.map((a) => [a.action, a.actorId, a.detail])).toEqual([
      ["agent.role_change", me, { agentId, from: "HELPDESK", to: "VERIFIKATOR", via: "console" }],
      ["agent.remove", me, { agentId, via: "console" }],
      ["agent.reactivate", me, { agentId, via: "console" }],
    ]);
  });

  it("refuses a supervisor's change to their own account, a bad form and a missing token", async () => {
    const me = await supervisorId();
    const b = browser(f.web.app);
    await b.signIn("supervisor", AGENT_PASSWORD);
    const token = await b.csrf("/konsol/petugas");
    const before = await f.db.prisma.auditLog.count({
      where: { action: { startsWith: "agent." } },
    });
    const demote = await b.post("/konsol/petugas/peran", {
      _csrf: token,
      agentId: me,
      role: "HELPDESK",
    });
    expect(demote.statusCode).toBe(403);
    expect(demote.body).toContain(
      "tidak dapat mengubah peran atau menonaktifkan akun Bapak/Ibu sendiri",
    );
    const leave = await b.post("/konsol/petugas/status", {
      _csrf: token,
      agentId: me,
      active: "0",
    });
    expect(leave.statusCode).toBe(403);
    const row = await f.db.prisma.agent.findUniqueOrThrow({ where: { id: me } });
    expect([row.role, row.active]).toEqual(["SUPERVISOR", true]);

    const other = await f.db.prisma.agent.findFirstOrThrow({ where: { name: "Petugas ANALIS" } });
    const unknownRole = await b.post("/konsol/petugas/peran", {
      _csrf: token,
      agentId: other.id,
      role: "KEPALA",
    });
    expect(unknownRole.statusCode).toBe(400);
    expect(unknownRole.body).toContain("Data formulir tidak lengkap");
    const missing = await b.post("/konsol/petugas/peran", {
      _csrf: token,
      agentId: "0190b1d2-0000-7000-8000-000000000000",
      role: "ADMIN",
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("Petugas tidak ditemukan.");
    const noToken = await b.post("/konsol/petugas/peran", { agentId: other.id, role: "ADMIN" });
    expect(noToken.statusCode).toBe(403);
    expect((await f.db.prisma.agent.findUniqueOrThrow({ where: { id: other.id } })).role).toBe(
      "ANALIS",
    );
    expect(await f.db.prisma.auditLog.count({ where: { action: { startsWith: "agent." } } })).toBe(
      before,
    );
  });

  it("is for supervisors only, as the desk's /agen", async () => {
    const other = await f.db.prisma.agent.findFirstOrThrow({ where: { name: "Petugas HELPDESK" } });
    for (const role of ["admin", "helpdesk", "analis"]) {
      const b = browser(f.web.app);
      await b.signIn(role, AGENT_PASSWORD);
      expect((await b.get("/konsol/petugas")).statusCode).toBe(403);
      const post = await b.post("/konsol/petugas/status", {
        _csrf: await b.csrf("/konsol/tiket"),
        agentId: other.id,
        active: "0",
      });
      expect(post.statusCode).toBe(403);
      expect((await b.get("/konsol/tiket")).body).not.toContain('href="/konsol/petugas"');
    }
    expect((await f.db.prisma.agent.findUniqueOrThrow({ where: { id: other.id } })).active).toBe(
      true,
    );
  });
});
