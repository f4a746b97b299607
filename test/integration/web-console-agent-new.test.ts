// /konsol/petugas on real PostgreSQL and Redis: an agent added (audited, as
// /agen does); the generated password shown once (no-store), signing in, in no
// audit row nor log line; a reset ends the sessions. Supervisors, with CSRF.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import {
  AGENT_PASSWORD,
  agentWithAccount,
  browser,
  webConsoleFixture,
} from "../support/web-console.ts";

const logLines: string[] = [];
const logger = createLogger({ level: "trace" }, { write: (line: string) => logLines.push(line) });
const f = webConsoleFixture("web-console-agent-new", logger);
let nextTelegramId = BigInt(Date.now()) * 10n + 7n;
const telegramId = () => String(++nextTelegramId);
const token = (b: ReturnType<typeof browser>) => b.csrf("/konsol/petugas");
const supervisor = async () => {
  const b = browser(f.web.app);
  await b.signIn("supervisor", AGENT_PASSWORD);
  return b;
};
const shownPassword = (body: string) =>
  /<dt>Kata sandi sekali pakai<\/dt><dd><code>([^<]+)<\/code>/u.exec(body)?.[1] ?? "";
const supervisorId = async () =>
  (await f.db.prisma.webAccount.findUniqueOrThrow({ where: { username: "supervisor" } })).agentId;
const audits = (action: string) =>
  f.db.prisma.auditLog.findMany({ where: { action }, orderBy: [{ at: "asc" }, { id: "asc" }] });
async function sessionHolders(): Promise<string[]> {
  const keys = await f.web.redis.keys(`${f.prefix}:web:session:*`);
  return keys.length ? ((await f.web.redis.mget(keys)).filter(Boolean) as string[]) : [];
}

describe("adding agents and console accounts on /konsol/petugas", () => {
  it("adds an agent, creates their account, and the shown password signs in as them", async () => {
    const b = await supervisor();
    const list = (await b.get("/konsol/petugas")).body;
    expect(list).toContain('action="/konsol/petugas/tambah"');
    expect(list).toContain("@userinfobot");
    const tg = telegramId();
    const added = await b.post("/konsol/petugas/tambah", {
      _csrf: await token(b),
      telegramUserId: tg,
      name: "Rina Baru",
      role: "VERIFIKATOR",
    });
    expect(added.statusCode).toBe(303);
    const agent = await f.db.prisma.agent.findUniqueOrThrow({
      where: { telegramUserId: BigInt(tg) },
    });
    expect([agent.name, agent.role, agent.active]).toEqual(["Rina Baru", "VERIFIKATOR", true]);
    const me = await supervisorId();
    expect((await audits("agent.add")).map((a) => [a.actorId, a.detail])).toContainEqual([
      me,
      { agentId: agent.id, role: "VERIFIKATOR" },
    ]);
    expect((await b.get("/konsol/petugas")).body).toContain(
      `id="akun-${agent.id}" name="username"`,
    );

    const created = await b.post("/konsol/petugas/akun", {
      _csrf: await token(b),
      agentId: agent.id,
      username: "Rina.Baru",
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers["cache-control"]).toBe("no-store");
    expect(created.body).toContain("Akun konsol untuk Rina Baru telah dibuat.");
    expect(created.body).toContain("<code>rina.baru</code>");
    const password = shownPassword(created.body);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/u);
    const account = await f.db.prisma.webAccount.findUniqueOrThrow({
      where: { agentId: agent.id },
    });
    expect(account.username).toBe("rina.baru");
    expect(account.passwordHash).toMatch(/^scrypt\$/u);
    expect(account.passwordHash).not.toContain(password);

    const rina = browser(f.web.app);
    expect((await rina.signIn("rina.baru", password)).headers.location).toBe("/konsol/tiket");
    expect((await rina.get("/konsol/tiket")).body).toContain("Rina Baru");

    expect((await audits("console.account_create")).map((a) => [a.actorId, a.detail])).toEqual([
      [me, { agentId: agent.id, username: "rina.baru", via: "console" }],
    ]);
    expect((await b.get("/konsol/audit")).body).toContain("<td>Akun konsol dibuat</td>");
    // A second account for the same agent is refused.
    const again = await b.post("/konsol/petugas/akun", {
      _csrf: await token(b),
      agentId: agent.id,
      username: "rina-lain",
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("sudah memiliki akun konsol");
  });

  it("resets a password: the old sessions end and the old password fails", async () => {
    const { agentId } = await agentWithAccount(
      f.db.prisma,
      "HELPDESK",
      "lupa-sandi",
      AGENT_PASSWORD,
    );
    const old = browser(f.web.app);
    await old.signIn("lupa-sandi", AGENT_PASSWORD);
    expect((await old.get("/konsol/tiket")).statusCode).toBe(200);
    const b = await supervisor();
    expect((await b.get("/konsol/petugas")).body).toContain(`id="sandi-${agentId}" name="yakin"`);
    const unconfirmed = await b.post("/konsol/petugas/kata-sandi", {
      _csrf: await token(b),
      agentId,
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect((await old.get("/konsol/tiket")).statusCode).toBe(200);

    const done = await b.post("/konsol/petugas/kata-sandi", {
      _csrf: await token(b),
      agentId,
      yakin: "1",
    });
    expect(done.statusCode).toBe(200);
    expect(done.headers["cache-control"]).toBe("no-store");
    expect(done.body).toContain("<code>lupa-sandi</code>");
    const password = shownPassword(done.body);
    expect(password).toHaveLength(24);
    expect(await sessionHolders()).not.toContain(agentId);
    expect((await old.get("/konsol/tiket")).headers.location).toBe("/konsol/masuk");
    expect((await browser(f.web.app).signIn("lupa-sandi", AGENT_PASSWORD)).statusCode).toBe(401);
    const fresh = browser(f.web.app);
    expect((await fresh.signIn("lupa-sandi", password)).headers.location).toBe("/konsol/tiket");
    expect((await audits("console.password_reset")).map((a) => a.detail)).toEqual([
      { agentId, username: "lupa-sandi", via: "console" },
    ]);
    expect((await b.get("/konsol/audit")).body).toContain("<td>Kata sandi diatur ulang</td>");
  });

  it("refuses a known Telegram id, a taken or bad user name, and oneself; nothing changes", async () => {
    const b = await supervisor();
    const helpdesk = await f.db.prisma.agent.findFirstOrThrow({
      where: { webAccount: { username: "helpdesk" } },
    });
    const agents = await f.db.prisma.agent.count();
    const dup = await b.post("/konsol/petugas/tambah", {
      _csrf: await token(b),
      telegramUserId: String(helpdesk.telegramUserId),
      name: "Orang Lain",
      role: "SUPERVISOR",
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain("sudah terdaftar sebagai petugas");
    const after = await f.db.prisma.agent.findUniqueOrThrow({ where: { id: helpdesk.id } });
    expect([after.name, after.role]).toEqual([helpdesk.name, helpdesk.role]);
    const notDigits = await b.post("/konsol/petugas/tambah", {
      _csrf: await token(b),
      telegramUserId: "@rina",
      name: "Rina",
      role: "HELPDESK",
    });
    expect(notDigits.statusCode).toBe(400);
    expect(await f.db.prisma.agent.count()).toBe(agents);

    const tg = telegramId();
    await b.post("/konsol/petugas/tambah", {
      _csrf: await token(b),
      telegramUserId: tg,
      name: "Tanpa Akun",
      role: "HELPDESK",
    });
    const agent = await f.db.prisma.agent.findUniqueOrThrow({
      where: { telegramUserId: BigInt(tg) },
    });
    const created = (await audits("console.account_create")).length;
    const taken = await b.post("/konsol/petugas/akun", {
      _csrf: await token(b),
      agentId: agent.id,
      username: "Helpdesk",
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain("sudah dipakai akun lain");
    const bad = await b.post("/konsol/petugas/akun", {
      _csrf: await token(b),
      agentId: agent.id,
      username: "a b",
    });
    expect(bad.statusCode).toBe(400);
    expect(await f.db.prisma.webAccount.findUnique({ where: { agentId: agent.id } })).toBeNull();
    expect(await audits("console.account_create")).toHaveLength(created);

    const me = await supervisorId();
    const own = await b.post("/konsol/petugas/kata-sandi", {
      _csrf: await token(b),
      agentId: me,
      yakin: "1",
    });
    expect(own.statusCode).toBe(403);
    expect((await b.get("/konsol/tiket")).statusCode).toBe(200);
  });

  it("is for supervisors only and needs the CSRF token", async () => {
    const target = await f.db.prisma.agent.findFirstOrThrow({
      where: { webAccount: { username: "analis" } },
    });
    const forms: [string, Record<string, string>][] = [
      ["/konsol/petugas/tambah", { telegramUserId: telegramId(), name: "X", role: "HELPDESK" }],
      ["/konsol/petugas/kata-sandi", { agentId: target.id, yakin: "1" }],
    ];
    const resets = (await audits("console.password_reset")).length;
    const agents = await f.db.prisma.agent.count();
    for (const role of ["helpdesk", "admin"]) {
      const h = browser(f.web.app);
      await h.signIn(role, AGENT_PASSWORD);
      for (const [url, form] of forms) {
        const res = await h.post(url, { _csrf: await h.csrf("/konsol/tiket"), ...form });
        expect(res.statusCode, `${role} ${url}`).toBe(403);
        expect(res.body).toContain("Tidak diizinkan");
      }
    }
    const b = await supervisor();
    await b.get("/konsol/petugas");
    for (const [url, form] of forms) {
      const res = await b.post(url, form);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).toContain("Formulir kedaluwarsa");
    }
    expect(await f.db.prisma.agent.count()).toBe(agents);
    expect(await audits("console.password_reset")).toHaveLength(resets);
    expect((await browser(f.web.app).signIn("analis", AGENT_PASSWORD)).headers.location).toBe(
      "/konsol/tiket",
    );
  });

  it("the shown passwords appear in no audit row and no log line", async () => {
    const b = await supervisor();
    const { agentId } = await agentWithAccount(f.db.prisma, "ANALIS", "rahasia", AGENT_PASSWORD);
    const res = await b.post("/konsol/petugas/kata-sandi", {
      _csrf: await token(b),
      agentId,
      yakin: "1",
    });
    const password = shownPassword(res.body);
    expect(password).toHaveLength(24);
    // Every line the console writes, at trace level (it logs only failures today).
    expect(logLines.filter((line) => line.includes(password))).toEqual([]);
    const rows = await f.db.prisma.auditLog.findMany({ select: { detail: true } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => JSON.stringify(r.detail ?? null).includes(password))).toEqual([]);
  });
});
