// TOTP in the console on real PostgreSQL and Redis: enrolment on /konsol/akun
// (secret sealed, switched on by a code), the code step after the password,
// wrong and reused codes (counted toward the lock-out), switching it off, and
// CONSOLE_TOTP_REQUIRED_SUPERVISOR. Codes are computed from the secret at the
// injected clock's now.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import {
  AGENT_PASSWORD,
  agentWithAccount,
  browser,
  startWebConsole,
  webConsoleFixture,
} from "../support/web-console.ts";
import { codeAt, enrol as enrolAt } from "../support/web-console-totp.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-totp", logger);

/** The next 30-second step, so a new code is due (one code is good once). */
const nextStep = () => {
  f.nowMs += 30_000;
};
const enrol = (b: ReturnType<typeof browser>) => enrolAt(b, () => f.nowMs);
const auditOf = (action: string) =>
  f.db.prisma.auditLog.findMany({ where: { action }, orderBy: { at: "asc" } });

describe("TOTP for the console", () => {
  let secret = "";

  it("enrols on the agent's own account page: QR and key shown, sealed at rest, on after a right code", async () => {
    await agentWithAccount(f.db.prisma, "HELPDESK", "dua-langkah", AGENT_PASSWORD);
    const b = browser(f.web.app);
    expect((await b.signIn("dua-langkah", AGENT_PASSWORD)).headers.location).toBe("/konsol/tiket");
    expect((await b.get("/konsol/akun")).body).toContain("belum aktif");
    secret = await enrol(b);
    const row = await f.db.prisma.webAccount.findUniqueOrThrow({
      where: { username: "dua-langkah" },
    });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(Buffer.from(row.totpSecretEnc ?? []).toString("latin1")).not.toContain(secret);
    expect((await auditOf("console.totp_enrol")).map((a) => a.actorId)).toContain(row.agentId);
  });

  it("asks for the code after the password; no session before it; a wrong or reused code is refused", async () => {
    const b = browser(f.web.app);
    const first = await b.signIn("dua-langkah", AGENT_PASSWORD);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe("/konsol/masuk/kode");
    expect(b.jar.has("konsol_sesi")).toBe(false);
    expect((await b.get("/konsol/tiket")).headers.location).toBe("/konsol/masuk");
    const before = (await auditOf("console.sign_in_failed")).length;
    // The code of the enrolment's step was used there: refused the second time.
    const reused = await b.post("/konsol/masuk/kode", {
      _csrf: await b.csrf("/konsol/masuk/kode"),
      kode: codeAt(secret, f.nowMs),
    });
    expect(reused.statusCode).toBe(401);
    expect(reused.body).toContain("Kode salah atau sudah dipakai");
    expect(b.jar.has("konsol_sesi")).toBe(false);
    const failed = await auditOf("console.sign_in_failed");
    expect(failed.length - before).toBe(1);
    expect(failed.at(-1)?.detail).toEqual({ reason: "totp" });
    nextStep();
    const ok = await b.post("/konsol/masuk/kode", {
      _csrf: await b.csrf("/konsol/masuk/kode"),
      kode: codeAt(secret, f.nowMs),
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/konsol/tiket");
    expect((await b.get("/konsol/tiket")).statusCode).toBe(200);
    expect((await auditOf("console.sign_in")).at(-1)?.detail).toEqual({ totp: true });
    // The pending sign-in is gone: the code page sends back to the password.
    expect((await b.get("/konsol/masuk/kode")).headers.location).toBe("/konsol/masuk");
  });

  it("counts wrong codes toward the lock-out, with wrong passwords", async () => {
    const b = browser(f.web.app);
    expect((await b.signIn("dua-langkah", "bukan-kata-sandinya")).statusCode).toBe(401);
    await b.signIn("dua-langkah", AGENT_PASSWORD);
    const wrongCode = String((Number(codeAt(secret, f.nowMs)) + 1) % 1_000_000).padStart(6, "0");
    const csrf = await b.csrf("/konsol/masuk/kode");
    expect((await b.post("/konsol/masuk/kode", { _csrf: csrf, kode: wrongCode })).statusCode).toBe(
      401,
    );
    const locked = await b.post("/konsol/masuk/kode", { _csrf: csrf, kode: wrongCode });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain("dikunci sementara");
    expect((await auditOf("console.account_locked")).at(-1)?.detail).toMatchObject({
      reason: "totp",
    });
    expect((await b.signIn("dua-langkah", AGENT_PASSWORD)).statusCode).toBe(429);
    f.nowMs += 15 * 60_000 + 1000;
  });

  it("switches off with a current code, audited; then the password alone signs in", async () => {
    const b = browser(f.web.app);
    await b.signIn("dua-langkah", AGENT_PASSWORD);
    nextStep();
    await b.post("/konsol/masuk/kode", {
      _csrf: await b.csrf("/konsol/masuk/kode"),
      kode: codeAt(secret, f.nowMs),
    });
    nextStep();
    const off = await b.post("/konsol/akun/totp/matikan", {
      _csrf: await b.csrf("/konsol/akun"),
      kode: codeAt(secret, f.nowMs),
    });
    expect(off.statusCode).toBe(200);
    expect(off.body).toContain("Kode masuk dimatikan");
    expect((await auditOf("console.totp_disable")).length).toBe(1);
    expect((await browser(f.web.app).signIn("dua-langkah", AGENT_PASSWORD)).headers.location).toBe(
      "/konsol/tiket",
    );
  });

  it("without a pending sign-in the code form sends back to the password", async () => {
    const b = browser(f.web.app);
    const res = await b.post("/konsol/masuk/kode", { _csrf: await b.csrf(), kode: "123456" });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("Silakan masuk lagi");
  });

  it("CONSOLE_TOTP_REQUIRED_SUPERVISOR: a supervisor without TOTP can open only the account page", async () => {
    const strict = await startWebConsole({
      prisma: f.db.prisma,
      logger,
      prefix: f.prefix,
      now: f.now,
      totpRequiredForSupervisor: true,
    });
    try {
      const b = browser(strict.app);
      expect((await b.signIn("supervisor", AGENT_PASSWORD)).statusCode).toBe(303);
      expect((await b.get("/konsol/tiket")).headers.location).toBe("/konsol/akun");
      const account = await b.get("/konsol/akun");
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain("wajib memakai kode masuk");
      const post = await b.post("/konsol/tiket/cari", { _csrf: await b.csrf("/konsol/akun") });
      expect(post.statusCode).toBe(403);
      const supervisorSecret = await enrol(b);
      expect((await b.get("/konsol/tiket")).statusCode).toBe(200);
      // Not to be switched off while required.
      nextStep();
      const off = await b.post("/konsol/akun/totp/matikan", {
        _csrf: await b.csrf("/konsol/akun"),
        kode: codeAt(supervisorSecret, f.nowMs),
      });
      expect(off.statusCode).toBe(403);
      // Other roles are not held.
      const helpdesk = browser(strict.app);
      await helpdesk.signIn("helpdesk", AGENT_PASSWORD);
      expect((await helpdesk.get("/konsol/tiket")).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
