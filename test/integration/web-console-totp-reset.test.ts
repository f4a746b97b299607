// Resetting another agent's TOTP on /konsol/petugas (a lost phone), on real
// PostgreSQL and Redis: the secret cleared, every session of the agent ended,
// audited; the password alone signs in again (or leads to enrolment where the
// role must use TOTP). Supervisors only, with CSRF and a confirmation, never
// for their own account.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import {
  AGENT_PASSWORD,
  agentWithAccount,
  browser,
  startWebConsole,
  webConsoleFixture,
} from "../support/web-console.ts";
import { codeAt, enrol } from "../support/web-console-totp.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-totp-reset", logger);
type Browser = ReturnType<typeof browser>;

const RESET = "/konsol/petugas/totp/atur-ulang";
const nowMs = () => f.nowMs;
/** The next 30-second step, so a new code is due (one code is good once). */
const nextStep = () => {
  f.nowMs += 30_000;
};
const reset = async (b: Browser, agentId: string, form: Record<string, string> = { yakin: "1" }) =>
  b.post(RESET, { _csrf: await b.csrf("/konsol/petugas"), agentId, ...form });
const totpOf = (agentId: string) =>
  f.db.prisma.webAccount.findUniqueOrThrow({
    where: { agentId },
    select: { totpSecretEnc: true, totpEnabledAt: true, totpLastStep: true },
  });
const resetAudits = () =>
  f.db.prisma.auditLog.findMany({
    where: { action: "console.totp_reset" },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
const agentIdOf = async (username: string) =>
  (await f.db.prisma.webAccount.findUniqueOrThrow({ where: { username } })).agentId;
/** The agents whose sessions Redis still holds under the file's prefix. */
async function sessionHolders(): Promise<string[]> {
  const keys = await f.web.redis.keys(`${f.prefix}:web:session:*`);
  return keys.length ? ((await f.web.redis.mget(keys)).filter(Boolean) as string[]) : [];
}
/** Signs in with the password and, when asked, the current code. */
async function signInWithCode(username: string, secret: string): Promise<Browser> {
  const b = browser(f.web.app);
  expect((await b.signIn(username, AGENT_PASSWORD)).headers.location).toBe("/konsol/masuk/kode");
  nextStep();
  const done = await b.post("/konsol/masuk/kode", {
    _csrf: await b.csrf("/konsol/masuk/kode"),
    kode: codeAt(secret, f.nowMs),
  });
  expect(done.headers.location).toBe("/konsol/tiket");
  return b;
}

describe("resetting an agent's TOTP on /konsol/petugas", () => {
  it("clears it, ends every session of the agent, is audited; then the password alone signs in", async () => {
    const { agentId } = await agentWithAccount(
      f.db.prisma,
      "HELPDESK",
      "hp-hilang",
      AGENT_PASSWORD,
    );
    const phone = browser(f.web.app);
    await phone.signIn("hp-hilang", AGENT_PASSWORD);
    const secret = await enrol(phone, nowMs);
    const laptop = await signInWithCode("hp-hilang", secret);
    // A third browser stopped at the code step.
    const halfway = browser(f.web.app);
    expect((await halfway.signIn("hp-hilang", AGENT_PASSWORD)).headers.location).toBe(
      "/konsol/masuk/kode",
    );
    expect((await sessionHolders()).filter((id) => id === agentId)).toHaveLength(2);

    const supervisor = browser(f.web.app);
    await supervisor.signIn("supervisor", AGENT_PASSWORD);
    const list = (await supervisor.get("/konsol/petugas")).body;
    // The form is offered for the one agent with TOTP on, with its confirmation.
    expect(list.split(`action="${RESET}"`)).toHaveLength(2);
    expect(list).toContain("Atur ulang verifikasi dua langkah");
    expect(list).toContain(`id="yakin-${agentId}" name="yakin" value="1" required`);

    const done = await reset(supervisor, agentId);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/konsol/petugas?diatur-ulang=${agentId}`);
    const after = await supervisor.get(String(done.headers.location));
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain(
      "Verifikasi dua langkah (kode masuk) Petugas HELPDESK telah diatur ulang dan semua sesi konsolnya diakhiri.",
    );
    expect(after.body).not.toContain(`action="${RESET}"`);

    expect(await totpOf(agentId)).toEqual({
      totpSecretEnc: null,
      totpEnabledAt: null,
      totpLastStep: null,
    });
    // Both sessions are gone, in Redis and for the browsers; the supervisor's stays.
    expect(await sessionHolders()).not.toContain(agentId);
    for (const b of [phone, laptop]) {
      const res = await b.get("/konsol/tiket");
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/konsol/masuk");
    }
    expect((await supervisor.get("/konsol/tiket")).statusCode).toBe(200);
    // The pending sign-in can no longer be finished with a code.
    nextStep();
    const late = await halfway.post("/konsol/masuk/kode", {
      _csrf: await halfway.csrf("/konsol/masuk/kode"),
      kode: codeAt(secret, f.nowMs),
    });
    expect(late.statusCode).toBe(401);
    expect(late.body).toContain("Silakan masuk lagi");
    // The password alone signs in now.
    const again = browser(f.web.app);
    expect((await again.signIn("hp-hilang", AGENT_PASSWORD)).headers.location).toBe(
      "/konsol/tiket",
    );
    expect((await again.get("/konsol/akun")).body).toContain("belum aktif");

    const me = await agentIdOf("supervisor");
    expect((await resetAudits()).map((a) => [a.actorType, a.actorId, a.detail])).toEqual([
      ["AGENT", me, { agentId, via: "console" }],
    ]);
    const log = (await supervisor.get("/konsol/audit")).body;
    expect(log).toContain("<td>Verifikasi dua langkah diatur ulang</td>");
    expect(log).toContain("<td>Petugas: Petugas HELPDESK</td>");
  });

  it("where the role must use TOTP, the agent's next sign-in leads to enrolment", async () => {
    const strict = await startWebConsole({
      prisma: f.db.prisma,
      logger,
      prefix: f.prefix,
      now: f.now,
      totpRequiredForSupervisor: true,
    });
    try {
      const { agentId } = await agentWithAccount(
        f.db.prisma,
        "SUPERVISOR",
        "kepala-dua",
        AGENT_PASSWORD,
      );
      await agentWithAccount(f.db.prisma, "SUPERVISOR", "kepala-satu", AGENT_PASSWORD);
      const one = browser(strict.app);
      await one.signIn("kepala-satu", AGENT_PASSWORD);
      await enrol(one, nowMs);
      const two = browser(strict.app);
      await two.signIn("kepala-dua", AGENT_PASSWORD);
      await enrol(two, nowMs);
      expect((await two.get("/konsol/tiket")).statusCode).toBe(200);

      const done = await reset(one, agentId);
      expect(done.statusCode).toBe(303);
      expect((await totpOf(agentId)).totpEnabledAt).toBeNull();
      expect((await two.get("/konsol/tiket")).headers.location).toBe("/konsol/masuk");
      const again = browser(strict.app);
      expect((await again.signIn("kepala-dua", AGENT_PASSWORD)).headers.location).toBe(
        "/konsol/tiket",
      );
      expect((await again.get("/konsol/tiket")).headers.location).toBe("/konsol/akun");
      const account = (await again.get("/konsol/akun")).body;
      expect(account).toContain("wajib memakai kode masuk");
      expect(account).toContain("belum aktif");
    } finally {
      await strict.close();
    }
  });

  it("refuses a supervisor's own account: that is switched off on /konsol/akun", async () => {
    const { agentId } = await agentWithAccount(
      f.db.prisma,
      "SUPERVISOR",
      "kepala-sendiri",
      AGENT_PASSWORD,
    );
    const b = browser(f.web.app);
    await b.signIn("kepala-sendiri", AGENT_PASSWORD);
    await enrol(b, nowMs);
    const before = (await resetAudits()).length;
    const own = await reset(b, agentId);
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain(
      "tidak dapat mengatur ulang verifikasi dua langkah akun Bapak/Ibu sendiri",
    );
    expect((await totpOf(agentId)).totpEnabledAt).not.toBeNull();
    expect((await b.get("/konsol/tiket")).statusCode).toBe(200);
    expect(await resetAudits()).toHaveLength(before);
  });

  it("is for supervisors only, needs the token and the confirmation, and an agent with TOTP on", async () => {
    const { agentId } = await agentWithAccount(
      f.db.prisma,
      "VERIFIKATOR",
      "masih-aman",
      AGENT_PASSWORD,
    );
    const target = browser(f.web.app);
    await target.signIn("masih-aman", AGENT_PASSWORD);
    await enrol(target, nowMs);
    const before = (await resetAudits()).length;

    for (const role of ["helpdesk", "admin"]) {
      const b = browser(f.web.app);
      await b.signIn(role, AGENT_PASSWORD);
      const res = await b.post(RESET, {
        _csrf: await b.csrf("/konsol/tiket"),
        agentId,
        yakin: "1",
      });
      expect(res.statusCode, role).toBe(403);
      expect(res.body).toContain("Tidak diizinkan");
    }
    const supervisor = browser(f.web.app);
    await supervisor.signIn("supervisor", AGENT_PASSWORD);
    await supervisor.get("/konsol/petugas");
    const noToken = await supervisor.post(RESET, { agentId, yakin: "1" });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain("Formulir kedaluwarsa");
    const unconfirmed = await reset(supervisor, agentId, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain("Centang konfirmasi terlebih dahulu");
    const off = await reset(supervisor, await agentIdOf("analis"));
    expect(off.statusCode).toBe(409);
    expect(off.body).toContain("tidak aktif; tidak ada yang perlu diatur ulang");
    const unknown = await reset(supervisor, "0190b1d2-0000-7000-8000-000000000000");
    expect(unknown.statusCode).toBe(404);
    expect((await reset(supervisor, "bukan-id")).statusCode).toBe(400);

    expect((await totpOf(agentId)).totpEnabledAt).not.toBeNull();
    expect((await target.get("/konsol/tiket")).statusCode).toBe(200);
    expect(await resetAudits()).toHaveLength(before);
  });
});
