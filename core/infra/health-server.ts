// /healthz (the process is alive), /readyz (its dependencies answer) and
// /metrics (Prometheus) on Fastify. Both roles serve it; the admin pages
// mount on `routes` (raw node:http handlers), the web console on `plugins`.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply } from "fastify";
import { Gauge, type Registry } from "prom-client";
import { mountRawRoutes, type Route } from "./http-routes.ts";
import type { Logger } from "./logger.ts";

export type { Route } from "./http-routes.ts";

export interface ReadinessCheck {
  name: string;
  /** Throws when the dependency does not answer. */
  check(): Promise<void>;
}

/** What a channel reports about itself; channels that are switched off say so. */
export interface ChannelState {
  state: "disabled" | "starting" | "connected" | "disconnected" | "error";
  detail?: string;
  lastError?: string;
}

/** Why a request may not read /metrics (null: it may). */
export type MetricsAccess = (
  req: IncomingMessage,
) => { status: 401 | 403; text: string; headers?: Record<string, string> } | null;

/** Loopback clients only: /metrics without a token is for a scraper on this machine. */
export const loopbackOnly: MetricsAccess = (req) =>
  isLoopback(req.socket.remoteAddress)
    ? null
    : {
        status: 403,
        text:
          "/metrics hanya untuk mesin ini; isi METRICS_TOKEN untuk scraper lain.\n" +
          "/metrics answers this machine only; set METRICS_TOKEN for a scraper elsewhere.\n",
      };

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}

/** Limits against clients that hold connections open (slowloris) or open too many. */
export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 256,
};

export interface HealthServerDeps {
  logger: Logger;
  registry: Registry;
  checks: ReadinessCheck[];
  channels?: () => Record<string, ChannelState>;
  /** Raw node:http routes, asked in turn for whatever no Fastify route matched. */
  routes?: Route[];
  /** Fastify plugins (the web console), each in its own encapsulated context. */
  plugins?: FastifyPluginAsync[];
  checkTimeoutMs?: number;
  /** Who may read /metrics; by default clients on this machine only. */
  metricsAccess?: MetricsAccess;
  limits?: HttpLimits;
  /** Proxies whose X-Forwarded-For sets `request.ip` (HTTP_TRUST_PROXY); none by default. */
  trustProxy?: string[] | false;
}

export interface HealthServer {
  /** The Fastify instance: for inject() and printRoutes() in tests. */
  app: FastifyInstance;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
  readiness(): Promise<{ ok: boolean; body: Readiness }>;
  /** Adds a source of operator warnings: shown by /readyz, never failing it. */
  addWarnings(source: () => string[]): void;
}

export interface Readiness {
  status: "ok" | "fail";
  checks: Record<string, { ok: boolean; ms: number; error?: string }>;
  channels: Record<string, ChannelState>;
  /** Configuration an operator should fix (a year without holidays); the service still runs. */
  warnings: string[];
}

export function createHealthServer(deps: HealthServerDeps): HealthServer {
  const timeoutMs = deps.checkTimeoutMs ?? 2000;
  const warningSources: (() => string[])[] = [];
  const up = new Gauge({
    name: "helpdesk_dependency_up",
    help: "1 when the dependency answered the last readiness check",
    labelNames: ["dependency"],
    registers: [deps.registry],
  });

  async function runCheck(check: ReadinessCheck) {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check.check(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      up.set({ dependency: check.name }, 1);
      return { ok: true, ms: Math.round(performance.now() - started) };
    } catch (err) {
      up.set({ dependency: check.name }, 0);
      const error = err instanceof Error ? err.message : String(err);
      return { ok: false, ms: Math.round(performance.now() - started), error };
    } finally {
      clearTimeout(timer);
    }
  }

  async function readiness() {
    const results = await Promise.all(
      deps.checks.map(async (c) => [c.name, await runCheck(c)] as const),
    );
    const checks = Object.fromEntries(results);
    const ok = results.every(([, r]) => r.ok);
    const body: Readiness = {
      status: ok ? "ok" : "fail",
      checks,
      channels: deps.channels?.() ?? {},
      warnings: warningSources.flatMap((source) => source()),
    };
    return { ok, body };
  }

  const limits = deps.limits ?? DEFAULT_HTTP_LIMITS;
  const metricsAccess = deps.metricsAccess ?? loopbackOnly;
  const app = Fastify({
    logger: false,
    trustProxy: deps.trustProxy ?? false,
    // Node's own server, with the limits against slow and many connections.
    serverFactory: (handler) => {
      const server = createServer(
        {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          // Node checks both timeouts only this often (30 s by default), which
          // let a slow-header connection live for ~85 s.
          connectionsCheckingInterval: Math.min(1000, Math.ceil(limits.headersTimeoutMs / 2)),
        },
        handler,
      );
      server.maxConnections = limits.maxConnections;
      return server;
    },
  });
  app.setErrorHandler((err, request, reply) => {
    deps.logger.error({ err, url: request.url }, "HTTP handler failed");
    reply.code(500).header("cache-control", "no-store").send({ error: "internal error" });
  });
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).header("cache-control", "no-store").send({ error: "not found" });
  });

  app.get("/healthz", (_request, reply) => json(reply, 200, { status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const { ok, body } = await readiness();
    return json(reply, ok ? 200 : 503, body);
  });
  app.get("/metrics", async (request, reply) => {
    const refused = metricsAccess(request.raw);
    if (refused) {
      return reply
        .code(refused.status)
        .headers({
          "content-type": "text/plain; charset=utf-8",
          "cache-control": "no-store",
          ...refused.headers,
        })
        .send(refused.text);
    }
    return reply
      .code(200)
      .header("content-type", deps.registry.contentType)
      .send(await deps.registry.metrics());
  });
  for (const plugin of deps.plugins ?? []) app.register(plugin);
  mountRawRoutes(app, deps.routes ?? [], deps.logger);

  return {
    readiness,
    addWarnings(source) {
      warningSources.push(source);
    },
    app,
    async listen(port, host) {
      await app.listen({ port, host });
      return app.server.address() as AddressInfo;
    },
    async close() {
      await app.close();
    },
  };
}

function json(reply: FastifyReply, status: number, body: unknown) {
  return reply
    .code(status)
    .header("content-type", "application/json; charset=utf-8")
    .header("cache-control", "no-store")
    .send(JSON.stringify(body));
}
