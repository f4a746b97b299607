// The HTTP server as an attacker meets it: connections that send their
// headers a byte at a time, a flood of idle connections, /metrics from
// anywhere and scraped in a loop to make the database count tickets.
import { connect, type Socket } from "node:net";
import { networkInterfaces } from "node:os";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, type PrismaClient } from "../../core/infra/db.ts";
import { createHealthServer, type HealthServer } from "../../core/infra/health-server.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { metricsAccess } from "../../core/infra/metrics-access.ts";
import { registerSlaMetrics } from "../../core/infra/sla-metrics.ts";
import { TEST_DATABASE_URL } from "../support/env.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const METRICS_TOKEN = "metrics-token-of-at-least-24-chars";
let db: Database;
const servers: HealthServer[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await db.close();
});

async function serve(
  extra: Partial<Parameters<typeof createHealthServer>[0]> = {},
  host = "127.0.0.1",
) {
  const server = createHealthServer({ logger, registry: new Registry(), checks: [], ...extra });
  servers.push(server);
  const { port } = await server.listen(0, host);
  return port;
}

function open(port: number, host = "127.0.0.1"): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => resolve(socket));
    socket.once("error", reject);
    sockets.push(socket);
  });
}

/** Milliseconds until the server closes the socket, or null if it is still open after `waitMs`. */
function closedWithin(socket: Socket, waitMs: number): Promise<number | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), waitMs);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

describe("slow and many connections", () => {
  it("closes a connection that sends its headers a line at a time (slowloris)", async () => {
    const port = await serve({
      limits: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, maxConnections: 16 },
    });
    const socket = await open(port);
    let answer = "";
    socket.on("data", (d) => {
      answer += d;
    });
    socket.on("error", () => {});
    socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    // One more header line every 300 ms, never the blank line that ends them.
    const drip = setInterval(
      () => socket.writable && socket.write(`X-Slow-${Date.now()}: a\r\n`),
      300,
    );
    try {
      // Node's defaults held it for a minute and more; the limit closes it in
      // about a second (plus the server's check interval).
      expect(await closedWithin(socket, 8000)).not.toBeNull();
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
    }
  });

  it("drops connections beyond HTTP_MAX_CONNECTIONS and serves again once they go", async () => {
    const port = await serve({
      limits: { headersTimeoutMs: 5000, requestTimeoutMs: 10_000, maxConnections: 2 },
    });
    const idle = [await open(port), await open(port)];
    const extra = await open(port);
    extra.on("error", () => {});
    expect(await closedWithin(extra, 3000)).not.toBeNull();
    for (const s of idle) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});

describe("/metrics", () => {
  it("answers only with METRICS_TOKEN when one is set", async () => {
    const port = await serve({ metricsAccess: metricsAccess(METRICS_TOKEN) });
    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const wrong = await fetch(url, { headers: { authorization: "Bearer not-the-metrics-token" } });
    expect(wrong.status).toBe(401);
    const right = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("helpdesk_dependency_up");
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === "IPv4")?.address;

  // Needs an address of this machine that is not loopback to come from.
  it.skipIf(!external)("without a token, answers this machine only", async () => {
    const port = await serve({ metricsAccess: metricsAccess(undefined) }, "0.0.0.0");
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    const outside = await fetch(`http://${external}:${port}/metrics`);
    expect(outside.status).toBe(403);
    expect(await outside.text()).toContain("METRICS_TOKEN");
  });

  it("counts tickets for the SLA gauge once per cache period, not on every scrape", async () => {
    const counted = (cacheMs: number) => {
      let queries = 0;
      const prisma = db.prisma.$extends({
        query: {
          ticket: {
            async count({ args, query }) {
              queries++;
              return query(args);
            },
          },
        },
      }) as unknown as PrismaClient;
      const registry = new Registry();
      registerSlaMetrics({ registry, prisma, logger, cacheMs });
      return { registry, queries: () => queries };
    };
    const cached = counted(15_000);
    const port = await serve({ registry: cached.registry });
    for (let i = 0; i < 5; i++) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(text).toMatch(/^helpdesk_tickets_sla\{state="running"\} \d+$/m);
    }
    // One refresh: three counts (running, paused, overdue) for five scrapes.
    expect(cached.queries()).toBe(3);

    const uncached = counted(0);
    await uncached.registry.metrics();
    await uncached.registry.metrics();
    expect(uncached.queries()).toBe(6);
  });
});
