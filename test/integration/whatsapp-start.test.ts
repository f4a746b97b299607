// The bot process with WHATSAPP_ENABLED=true where web.whatsapp.com cannot be
// reached (as here): the process stays up, serves /readyz, and reports the
// WhatsApp channel reconnecting with a growing backoff instead of crashing.
// (The bot role on the test PostgreSQL: `npm start` runs the same channel
// code, and an embedded database would only add a minute of start-up.)
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Readiness } from "../../core/infra/health-server.ts";
import { TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS } from "../support/env.ts";
import { freePort, runEntry, waitForOk } from "../support/process.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("wa-start");
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "lpse-wa-start-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await deleteKeys(prefix);
});

type WhatsappReadiness = { state: string; phase?: string; failures?: number; lastError?: string };

describe("the bot with WHATSAPP_ENABLED=true and no way to WhatsApp", () => {
  it("keeps running and shows the channel reconnecting with backoff on /readyz and /metrics", async () => {
    const port = await freePort();
    const app = runEntry("bot/main.ts", [], {
      ...TEST_SECRETS,
      DATABASE_URL: TEST_DATABASE_URL,
      DATA_DIR: dataDir,
      HTTP_PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      WHATSAPP_ENABLED: "true",
    });
    try {
      await waitForOk(`http://127.0.0.1:${port}/readyz`, app, 90_000);
      let whatsapp: WhatsappReadiness | undefined;
      const deadline = Date.now() + 90_000;
      // Two failed attempts in a row: the channel is in its backoff loop.
      while (Date.now() < deadline) {
        const body = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as Readiness;
        expect(body.status).toBe("ok");
        whatsapp = body.channels.whatsapp as WhatsappReadiness | undefined;
        expect(whatsapp?.state).not.toBe("disabled");
        if (whatsapp?.phase === "reconnecting" && (whatsapp.failures ?? 0) >= 2) break;
        // Where WhatsApp can be reached, it asks for a QR instead: also not a crash.
        if (whatsapp?.phase === "pairing") break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(app.child.exitCode).toBeNull();
      expect(["reconnecting", "pairing"]).toContain(whatsapp?.phase);
      if (whatsapp?.phase === "reconnecting") {
        expect(whatsapp.state).toBe("disconnected");
        expect(whatsapp.lastError).toBeTruthy();
        const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        expect(metrics).toContain("helpdesk_whatsapp_up 0");
        expect(metrics).toContain('helpdesk_whatsapp_state{phase="reconnecting"} 1');
        expect(metrics).toMatch(/helpdesk_whatsapp_disconnects_total\{code="\d+"\} [1-9]/u);
        const out = app.output();
        expect(out).toMatch(/"detail":"reconnecting in \d+ s \(attempt 2\)"/u);
        expect(out).not.toContain("Start-up failed");
      }
    } finally {
      app.child.kill("SIGTERM");
    }
    expect(await app.exit).toBe(0);
    expect(app.output()).toContain('"phase":"stopped"');
  }, 200_000);
});
