// The bull-board dashboard on the real health server and the real Redis,
// behind the admin credentials.
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE } from "../../core/contracts/queues.ts";
import { createHealthServer, type HealthServer } from "../../core/infra/health-server.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { queueDashboardRoute } from "../../core/infra/queue-dashboard.ts";
import { openQueueMonitor, type QueueMonitor } from "../../core/infra/queue-monitor.ts";
import { createRedis, type Redis } from "../../core/infra/redis.ts";
import { TEST_REDIS_URL } from "../support/env.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const prefix = uniquePrefix("dashboard");
const TOKEN = "test-admin-token-0123456789-abcdef";
const logger = createLogger({ level: "silent" }, { write: () => {} });

let connection: Redis;
let monitor: QueueMonitor;
const servers: HealthServer[] = [];
let base: string;

async function serve(adminToken: string | undefined): Promise<string> {
  const server = createHealthServer({
    logger,
    registry: new Registry(),
    checks: [],
    routes: [queueDashboardRoute({ adminToken, queues: monitor.queues, logger })],
  });
  servers.push(server);
  const { port } = await server.listen(0, "127.0.0.1");
  return `http://127.0.0.1:${port}`;
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

beforeAll(async () => {
  connection = createRedis(TEST_REDIS_URL, "producer");
  await connection.connect();
  monitor = openQueueMonitor({ connection, prefix, logger });
  base = await serve(TOKEN);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await monitor.close();
  await connection.quit();
  await deleteKeys(prefix);
});

describe("queue dashboard at /admin/queues", () => {
  it("asks for a login without credentials and refuses wrong ones", async () => {
    for (const authorization of [
      undefined,
      basic("admin", "wrong-token"),
      basic("admin", `${TOKEN}x`),
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${basic("admin", TOKEN)}`,
      "Digest abc",
    ]) {
      const res = await fetch(`${base}/admin/queues/api/queues`, {
        headers: authorization ? { authorization } : {},
      });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm="LPSE Helpdesk"/);
      expect(await res.text()).not.toContain("tickets");
    }
  });

  it("serves the page to a browser login (any user name) and its assets", async () => {
    const auth = { authorization: basic("siapa-saja", TOKEN) };
    const res = await fetch(`${base}/admin/queues`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("x-powered-by")).toBeNull();
    const html = await res.text();
    expect(html).toContain("LPSE Landak Helpdesk");
    // The page loads its scripts relative to <base href="/admin/queues/">.
    expect(html).toContain('<base href="/admin/queues/"');
    const asset = /src="(static\/js\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${base}/admin/queues/${asset}`, { headers: auth });
    expect(script.status).toBe(200);
    await script.arrayBuffer();
    // Sub-pages of the single-page app answer from the same entry point.
    const sub = await fetch(`${base}/admin/queues/queue/tickets`, { headers: auth });
    expect(sub.status).toBe(200);
    await sub.text();
  });

  it("lists every queue with its counts, for a Bearer token", async () => {
    await monitor.queues
      .find((q) => q.name === QUEUE.tickets)
      ?.add("ticket.created", { ticketId: "t-1" });
    const res = await fetch(`${base}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      queues: { name: string; counts: Record<string, number> }[];
    };
    expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUE).sort());
    const tickets = body.queues.find((q) => q.name === QUEUE.tickets);
    expect(tickets?.counts.waiting).toBe(1);
    expect(body.queues.find((q) => q.name === QUEUE.handoffs)?.counts.waiting).toBe(0);
  });

  it("refuses a change a browser marks as cross-site", async () => {
    const res = await fetch(`${base}/admin/queues/api/queues/${QUEUE.tickets}/pause`, {
      method: "PUT",
      headers: { authorization: `Bearer ${TOKEN}`, "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
    await res.text();
    const tickets = monitor.queues.find((q) => q.name === QUEUE.tickets);
    expect(await tickets?.isPaused()).toBe(false);
    // The dashboard's own page (same origin) may change things.
    const same = await fetch(`${base}/admin/queues/api/queues/${QUEUE.tickets}/pause`, {
      method: "PUT",
      headers: { authorization: `Bearer ${TOKEN}`, "sec-fetch-site": "same-origin" },
    });
    expect(same.status).toBe(200);
    await same.text();
    expect(await tickets?.isPaused()).toBe(true);
    await tickets?.resume();
  });

  it("answers 404 for unknown paths inside and leaves other paths alone", async () => {
    const inside = await fetch(`${base}/admin/queues/api/nothing-here`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(inside.status).toBe(404);
    await inside.text();
    const outside = await fetch(`${base}/admin/queuesX`);
    expect(outside.status).toBe(404);
    expect(await outside.json()).toEqual({ error: "not found" });
  });

  it("stays shut and says why when ADMIN_TOKEN is not set", async () => {
    const closed = await serve(undefined);
    for (const authorization of [undefined, `Bearer ${TOKEN}`]) {
      const res = await fetch(`${closed}/admin/queues/api/queues`, {
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("ADMIN_TOKEN");
    }
  });
});
