// The web console on real PostgreSQL and Redis: sign-in per agent with
// lock-out, CSRF refusal, idle session expiry, sign-out, and the tickets list.
// Route access: web-console-routes.test.ts.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import { newTicket } from "../support/app.ts";
import {
  AGENT_PASSWORD,
  agentWithAccount,
  browser,
  startWebConsole,
  webConsoleFixture,
} from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const PASSWORD = AGENT_PASSWORD;
const f = webConsoleFixture("web-console", logger);

const auditOf = (action: string) =>
  f.db.prisma.auditLog.findMany({ where: { action }, orderBy: { at: "asc" } });

describe("signing in", () => {
  it("signs an agent in with their own password, in a Secure HttpOnly cookie, and audits it", async () => {
    const b = browser(f.web.app);
    const res = await b.signIn("helpdesk", PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/konsol/tiket");
    const session = (res.cookies as { name: string; [k: string]: unknown }[]).find(
      (c) => c.name === "konsol_sesi",
    );
    expect(session).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      path: "/konsol",
    });
    const page = await b.get("/konsol/tiket");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Petugas HELPDESK");
    const agent = await f.db.prisma.agent.findFirstOrThrow({ where: { name: "Petugas HELPDESK" } });
    expect((await auditOf("console.sign_in")).map((a) => a.actorId)).toContain(agent.id);
  });

  it("refuses a wrong password or an unknown name alike, in Bahasa Indonesia, and audits both", async () => {
    const before = (await auditOf("console.sign_in_failed")).length;
    for (const [user, password] of [
      ["analis", "bukan-kata-sandinya-sama-sekali"],
      ["tidak-ada", PASSWORD],
    ] as const) {
      const res = await browser(f.web.app).signIn(user, password);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain("Nama pengguna atau kata sandi salah.");
      expect(res.cookies.map((c) => c.name)).not.toContain("konsol_sesi");
    }
    const failed = await auditOf("console.sign_in_failed");
    expect(failed.length - before).toBe(2);
    // The trail holds ids and a reason, never what was typed.
    expect(JSON.stringify(failed)).not.toContain("tidak-ada");
    expect(JSON.stringify(failed)).not.toContain("bukan-kata-sandinya");
    await f.db.prisma.webAccount.updateMany({ data: { failedAttempts: 0 } });
  });

  it("refuses a form without its CSRF token, or with another browser's", async () => {
    const b = browser(f.web.app);
    await b.csrf();
    const none = await b.post("/konsol/masuk", { username: "admin", password: PASSWORD });
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain("Formulir kedaluwarsa");
    const other = await browser(f.web.app).csrf();
    const foreign = await b.post("/konsol/masuk", {
      _csrf: other,
      username: "admin",
      password: PASSWORD,
    });
    expect(foreign.statusCode).toBe(403);
    // Without any cookie at all (a form posted from another site).
    const bare = await browser(f.web.app).post("/konsol/masuk", {
      _csrf: other,
      username: "admin",
      password: PASSWORD,
    });
    expect(bare.statusCode).toBe(403);
    expect(b.jar.has("konsol_sesi")).toBe(false);
  });

  it("locks an account after repeated wrong passwords, the right one included, until the lock ends", async () => {
    await agentWithAccount(f.db.prisma, "HELPDESK", "dikunci", PASSWORD);
    const b = browser(f.web.app);
    expect((await b.signIn("dikunci", "salah-salah-salah-1")).statusCode).toBe(401);
    expect((await b.signIn("dikunci", "salah-salah-salah-2")).statusCode).toBe(401);
    const third = await b.signIn("dikunci", "salah-salah-salah-3");
    expect(third.statusCode).toBe(429);
    expect(third.body).toContain("dikunci sementara");
    expect((await b.signIn("dikunci", PASSWORD)).statusCode).toBe(429);
    expect((await auditOf("console.account_locked")).length).toBeGreaterThanOrEqual(1);
    // The sign-in log names the reasons in Bahasa Indonesia, not by their codes.
    const supervisor = browser(f.web.app);
    expect((await supervisor.signIn("supervisor", PASSWORD)).statusCode).toBe(303);
    const log = (await supervisor.get("/konsol/audit")).body;
    expect(log).toContain("<td>Kata sandi salah</td>");
    expect(log).toContain("<td>Akun sedang dikunci</td>");
    expect(log).not.toMatch(/<td>(wrong|locked)<\/td>/u);
    f.nowMs += 15 * 60_000 + 1000;
    expect((await b.signIn("dikunci", PASSWORD)).statusCode).toBe(303);
  });

  it("ends a session on sign-out, audited, and a session left idle expires", async () => {
    const b = browser(f.web.app);
    await b.signIn("verifikator", PASSWORD);
    const token = await b.csrf("/konsol/tiket");
    const out = await b.post("/konsol/keluar", { _csrf: token });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe("/konsol/masuk");
    expect((await b.get("/konsol/tiket")).statusCode).toBe(303);
    expect((await auditOf("console.sign_out")).length).toBe(1);

    const short = await startWebConsole({
      prisma: f.db.prisma,
      logger,
      prefix: f.prefix,
      now: f.now,
      idleMs: 1000,
    });
    try {
      const idle = browser(short.app);
      await idle.signIn("verifikator", PASSWORD);
      expect((await idle.get("/konsol/tiket")).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      const expired = await idle.get("/konsol/tiket");
      expect(expired.statusCode).toBe(303);
      expect(expired.headers.location).toBe("/konsol/masuk");
    } finally {
      await short.close();
    }
  });
});

describe("/konsol/tiket", () => {
  it("lists tickets newest first with filters, exact number search and paging, without personal data", async () => {
    const at = new Date(f.nowMs - 86_400_000);
    const made = [];
    for (let i = 0; i < 22; i++) {
      made.push(
        await newTicket(
          f.db,
          new Date(at.getTime() + i * 60_000),
          {},
          i < 2 ? "WHATSAPP" : "TELEGRAM",
        ),
      );
    }
    const rows = await f.db.prisma.ticket.findMany({ orderBy: { createdAt: "desc" } });
    const b = browser(f.web.app);
    await b.signIn("admin", PASSWORD);
    const numbers = (body: string) =>
      [...body.matchAll(/<tr><td><a href="\/konsol\/tiket\/[^"]+">([^<]+)<\/a><\/td>/gu)].map(
        (m) => m[1],
      );

    const first = await b.get("/konsol/tiket");
    expect(numbers(first.body)).toEqual(rows.slice(0, 20).map((r) => r.number));
    expect(first.body).toContain("halaman 1 dari 2");
    expect(first.body).toContain("Berikutnya");
    const second = await b.get("/konsol/tiket?halaman=2");
    expect(numbers(second.body)).toEqual(rows.slice(20).map((r) => r.number));

    const wa = await b.get("/konsol/tiket?kanal=WHATSAPP");
    expect(numbers(wa.body).sort()).toEqual(
      rows
        .filter((r) => r.channel === "WHATSAPP")
        .map((r) => r.number)
        .sort(),
    );
    expect(numbers((await b.get("/konsol/tiket?status=DITUTUP")).body)).toEqual([]);
    expect(numbers((await b.get("/konsol/tiket?status=BARU&kanal=TELEGRAM")).body)).toHaveLength(
      20,
    );

    const target = rows[5]?.number ?? "";
    expect(numbers((await b.get(`/konsol/tiket?nomor=${target.toLowerCase()}`)).body)).toEqual([
      target,
    ]);
    // Exact match only: a prefix finds nothing.
    expect(numbers((await b.get(`/konsol/tiket?nomor=${target.slice(0, -1)}`)).body)).toEqual([]);
    expect((await b.get("/konsol/tiket?status=BUKAN")).statusCode).toBe(400);

    for (const body of [first.body, second.body]) {
      expect(body).not.toContain("Siti Aminah");
      expect(body).not.toContain("6281234567890");
      expect(body).not.toMatch(/\d{16}/u);
      expect(body).toContain('lang="id"');
    }
    expect(made).toHaveLength(22);
  });
});
