// Every route of the web console, as the Fastify instance lists them: each
// states who may open it, and refuses the signed-out and the wrong role.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../core/config.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { conversationSettings } from "../../core/infra/services.ts";
import { testCipher, WITH_DESK } from "../support/app.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const PASSWORD = AGENT_PASSWORD;
const f = webConsoleFixture("web-console-routes", logger);

describe("every console route", () => {
  it("states who may open it, and refuses the signed-out and the wrong role", async () => {
    const konsol = f.web.routes.filter((r) => r.url.startsWith("/konsol") && r.method !== "HEAD");
    expect(konsol.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "GET /konsol/tiket",
        "GET /konsol/audit",
        "POST /konsol/keluar",
        "GET /konsol/tiket/:nomor",
        "GET /konsol/tiket/:nomor/lampiran/:id",
        ...["ambil", "proses", "teruskan", "minta", "selesai", "tolak", "tutup", "buka"].map(
          (a) => `POST /konsol/tiket/:nomor/${a}`,
        ),
        "POST /konsol/tiket/cari",
        "GET /konsol/tiket/baru",
        "POST /konsol/tiket/baru",
        "GET /konsol/tiket.csv",
        "GET /konsol/sla",
        "GET /konsol/laporan",
        "GET /konsol/laporan/unduh",
        "GET /konsol/whatsapp",
        "POST /konsol/whatsapp/keluar",
        "GET /konsol/petugas",
        "POST /konsol/petugas/peran",
        "POST /konsol/petugas/status",
        "POST /konsol/petugas/totp/atur-ulang",
        "POST /konsol/petugas/tambah",
        "POST /konsol/petugas/akun",
        "POST /konsol/petugas/kata-sandi",
        "GET /konsol/kalender",
        "GET /konsol/langsung",
        "GET /konsol/aset/langsung.js",
        "GET /konsol/templat",
        "GET /konsol/artikel",
        "GET /konsol/artikel/:id",
        "GET /konsol/artikel/baru",
        "GET /konsol/artikel/draf",
        "POST /konsol/artikel/draf",
        "POST /konsol/artikel/terbitkan",
        "POST /konsol/artikel/tolak",
        "POST /konsol/templat/tambah",
        "POST /konsol/templat/ubah",
        "POST /konsol/templat/hapus",
        "POST /konsol/tiket/:nomor/balas",
        "POST /konsol/tiket/:nomor/catatan",
        "POST /konsol/tiket/:nomor/berkas",
        "GET /konsol/masuk/kode",
        "POST /konsol/masuk/kode",
        "GET /konsol/masuk/telegram",
        "GET /konsol/akun",
        "POST /konsol/akun/totp/mulai",
        "POST /konsol/akun/totp/aktifkan",
        "POST /konsol/akun/totp/matikan",
        ...["libur", "libur/hapus", "khusus", "khusus/hapus", "mingguan"].map(
          (a) => `POST /konsol/kalender/${a}`,
        ),
      ]),
    );
    const signedIn = new Map<string, ReturnType<typeof browser>>();
    for (const role of ["HELPDESK", "VERIFIKATOR", "ADMIN", "ANALIS", "SUPERVISOR"]) {
      const b = browser(f.web.app);
      expect((await b.signIn(role.toLowerCase(), PASSWORD)).statusCode).toBe(303);
      signedIn.set(role, b);
    }
    let restricted = 0;
    for (const route of konsol) {
      expect(route.access, `${route.method} ${route.url}`).toBeDefined();
      if (route.access === "public") continue;
      const anonymous = await f.web.app.inject({ method: route.method as "GET", url: route.url });
      if (route.method === "GET") {
        expect(anonymous.statusCode).toBe(303);
        expect(anonymous.headers.location).toBe("/konsol/masuk");
      } else {
        expect(anonymous.statusCode).toBe(401);
      }
      // A forged or expired session cookie is no better than none.
      const forged = await f.web.app.inject({
        method: route.method as "GET",
        url: route.url,
        headers: { cookie: "konsol_sesi=not-a-session" },
      });
      expect([303, 401]).toContain(forged.statusCode);
      for (const [role, b] of signedIn) {
        if ((route.access as string[]).includes(role)) continue;
        restricted++;
        const res =
          route.method === "GET"
            ? await b.get(route.url)
            : await b.post(route.url, { _csrf: await b.csrf("/konsol/tiket") });
        expect(res.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
        expect(res.body).toContain("Tidak diizinkan");
      }
    }
    // /konsol/audit is for supervisors (four roles refused), /konsol/sla for
    // supervisors, admins and analysts (two refused).
    expect(restricted).toBeGreaterThanOrEqual(6);
    expect((await signedIn.get("SUPERVISOR")?.get("/konsol/audit"))?.statusCode).toBe(200);
    for (const role of ["SUPERVISOR", "ADMIN", "ANALIS"]) {
      expect((await signedIn.get(role)?.get("/konsol/sla"))?.statusCode, role).toBe(200);
    }
    for (const role of ["HELPDESK", "VERIFIKATOR"]) {
      expect((await signedIn.get(role)?.get("/konsol/sla"))?.statusCode, role).toBe(403);
    }
  });

  it("will not start with a console route that states no access", async () => {
    const { consolePlugin } = await import("../../bot/web/console.plugin.ts");
    const { createHealthServer } = await import("../../core/infra/health-server.ts");
    const { Registry } = await import("prom-client");
    const server = createHealthServer({ logger, registry: new Registry(), checks: [] });
    const plugin = consolePlugin({
      prisma: f.db.prisma,
      cipher: testCipher,
      calendar: f.web.calendar,
      redis: f.web.redis,
      prefix: f.prefix,
      logger,
      now: f.now,
      workflow: f.web.workflow,
      changes: f.web.changes,
      queueFor: f.web.queueFor,
      intake: conversationSettings(loadConfig(WITH_DESK)),
      signature: "agent",
      settings: {
        cookieSecure: true,
        sessionIdleMs: 60_000,
        upload: { maxBytes: 1024, maxFiles: 1 },
        lockout: { attempts: 3, durationMs: 1 },
        live: { maxStreams: 1, heartbeatMs: 60_000 },
        signInPerMinute: 10,
      },
    });
    server.app.register(async (app) => {
      await plugin(app, {});
      app.get("/konsol/lupa", async () => "open");
    });
    await expect(server.app.ready()).rejects.toThrow(/states no access/);
  });
});
