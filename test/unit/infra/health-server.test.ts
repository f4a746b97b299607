import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import {
  createHealthServer,
  type HealthServer,
  type Readiness,
} from "../../../core/infra/health-server.ts";
import { createLogger } from "../../../core/infra/logger.ts";

const silent = createLogger({ level: "silent" }, { write: () => {} });
let server: HealthServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(checks: { name: string; check(): Promise<void> }[]) {
  server = createHealthServer({
    logger: silent,
    registry: new Registry(),
    checks,
    checkTimeoutMs: 100,
    channels: () => ({ telegram: { state: "disabled" } }),
    routes: [
      (req, res) => {
        if (req.url !== "/extra") return false;
        res.end("extra");
        return true;
      },
      // Reads the body itself, as the Telegram webhook does: Fastify must leave it unread.
      async (req, res) => {
        if (req.url !== "/echo") return false;
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        res.end(`got ${Buffer.concat(chunks).toString("utf8")}`);
        return true;
      },
    ],
    plugins: [
      async (app) => {
        app.get("/plugin", async () => ({ from: "plugin" }));
      },
    ],
  });
  const { port } = await server.listen(0, "127.0.0.1");
  return `http://127.0.0.1:${port}`;
}

describe("health server", () => {
  it("is ready when every check answers", async () => {
    const base = await start([{ name: "database", check: async () => {} }]);
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Readiness;
    expect(body.status).toBe("ok");
    expect(body.checks.database?.ok).toBe(true);
    expect(body.channels).toEqual({ telegram: { state: "disabled" } });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("answers 503 naming the failing and the silent dependency", async () => {
    const base = await start([
      { name: "database", check: async () => {} },
      { name: "redis", check: () => Promise.reject(new Error("ECONNREFUSED")) },
      { name: "slow", check: () => new Promise(() => {}) },
    ]);
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as Readiness;
    expect(body.status).toBe("fail");
    expect(body.checks.redis).toMatchObject({ ok: false, error: "ECONNREFUSED" });
    expect(body.checks.slow).toMatchObject({ ok: false, error: "no answer within 100 ms" });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('helpdesk_dependency_up{dependency="database"} 1');
    expect(metrics).toContain('helpdesk_dependency_up{dependency="redis"} 0');
  });

  it("serves extra routes and 404 for the rest", async () => {
    const base = await start([]);
    expect(await (await fetch(`${base}/extra`)).text()).toBe("extra");
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(404);
  });

  it("hands a raw route its request body unread, whatever its content type", async () => {
    const base = await start([]);
    for (const type of ["application/json", "application/x-www-form-urlencoded", "text/plain"]) {
      const res = await fetch(`${base}/echo`, {
        method: "POST",
        headers: { "content-type": type },
        body: '{"update_id":1}',
      });
      expect(await res.text()).toBe('got {"update_id":1}');
    }
  });

  it("serves the routes of a Fastify plugin beside the raw ones", async () => {
    const base = await start([]);
    expect(await (await fetch(`${base}/plugin`)).json()).toEqual({ from: "plugin" });
  });
});
