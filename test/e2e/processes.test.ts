// The processes as an operator runs them: `npm start` on the embedded
// database, the two production roles on PostgreSQL, and the refusals.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Readiness } from "../../core/infra/health-server.ts";
import { wibParts } from "../support/clock.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS } from "../support/env.ts";
import { freePort, runEntry, waitForOk } from "../support/process.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("e2e");
const year = wibParts(new Date()).year;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "lpse-e2e-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await deleteKeys(prefix);
});

describe("npm start (everything in one process, embedded database)", () => {
  it("reaches /readyz = ok with no database server, then stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const app = runEntry("bot/main.ts", ["--all"], {
      DATA_DIR: dataDir,
      HTTP_PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    const res = await waitForOk(`http://127.0.0.1:${port}/readyz`, app, 60_000);
    const body = (await res.json()) as Readiness;
    expect(body.status).toBe("ok");
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.redis?.ok).toBe(true);
    expect(body.channels.telegram?.state).toBe("disabled");
    expect(body.channels.whatsapp?.state).toBe("disabled");
    expect(app.output()).toContain('"roles":["bot","workers"]');
    // No holidays configured: the operator is warned, the service still runs.
    expect(body.warnings).toEqual([expect.stringContaining("HOLIDAYS_FILE")]);
    expect(app.output()).toContain("Belum ada hari libur tahun");

    app.child.kill("SIGTERM");
    expect(await app.exit).toBe(0);
    const out = app.output();
    expect(out).toContain('"reason":"SIGTERM"');
    expect(out).toContain('"msg":"Stopped"');
  }, 90_000);
});

describe("production roles on PostgreSQL", () => {
  it("runs bot and workers as separate processes", async () => {
    const [botPort, workerPort] = [await freePort(), await freePort()];
    const env = {
      ...TEST_SECRETS,
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      // A holiday in this WIB year and the next: nothing to warn about.
      HOLIDAYS: `${year}-12-25,${year + 1}-01-01`,
    };
    const bot = runEntry("bot/main.ts", [], { ...env, HTTP_PORT: String(botPort) });
    const workers = runEntry("workers/main.ts", [], { ...env, HTTP_PORT: String(workerPort) });
    try {
      const ready = await waitForOk(`http://127.0.0.1:${botPort}/readyz`, bot, 60_000);
      expect(((await ready.json()) as Readiness).warnings).toEqual([]);
      await waitForOk(`http://127.0.0.1:${workerPort}/readyz`, workers, 60_000);
      expect(bot.output()).toContain('"roles":["bot"]');
      expect(workers.output()).toMatch(
        /"workers":\["maintenance","tickets","documents","sla","conversations"\]/,
      );
      const metrics = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
      expect(metrics).toContain("process_resident_memory_bytes");
    } finally {
      bot.child.kill("SIGINT");
      workers.child.kill("SIGINT");
    }
    expect(await bot.exit).toBe(0);
    expect(await workers.exit).toBe(0);
  }, 90_000);

  it("refuses to run the workers role on the embedded database", async () => {
    const workers = runEntry("workers/main.ts", [], { DATA_DIR: dataDir, HTTP_PORT: "0" });
    expect(await workers.exit).toBe(1);
    expect(workers.output()).toContain("start:workers needs DATABASE_URL");
  }, 30_000);
});

describe("a bad configuration", () => {
  it("stops start-up with every problem listed", async () => {
    const bot = runEntry("bot/main.ts", [], {
      HTTP_PORT: "http",
      DATABASE_URL: "mysql://nope",
      LOG_LEVEL: "x",
    });
    expect(await bot.exit).toBe(1);
    const out = bot.output();
    expect(out).toContain("Konfigurasi tidak valid / invalid configuration:");
    for (const name of ["HTTP_PORT", "DATABASE_URL", "LOG_LEVEL"])
      expect(out).toContain(`  - ${name}:`);
  }, 30_000);
});
