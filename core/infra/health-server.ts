// /healthz (the process is alive), /readyz (its dependencies answer) and
// /metrics (Prometheus). Both roles serve it; admin pages mount on `routes`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Gauge, type Registry } from "prom-client";
import type { Logger } from "./logger.ts";

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

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

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
  routes?: Route[];
  checkTimeoutMs?: number;
  /** Who may read /metrics; by default clients on this machine only. */
  metricsAccess?: MetricsAccess;
  limits?: HttpLimits;
}

export interface HealthServer {
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
  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks both timeouts only this often (30 s by default), which
      // let a slow-header connection live for ~85 s.
      connectionsCheckingInterval: Math.min(1000, Math.ceil(limits.headersTimeoutMs / 2)),
    },
    (req, res) => {
      handle(req, res).catch((err) => {
        deps.logger.error({ err, url: req.url }, "HTTP handler failed");
        if (!res.headersSent) send(res, 500, { error: "internal error" });
        else res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    if (req.method === "GET" && path === "/healthz") return send(res, 200, { status: "ok" });
    if (req.method === "GET" && path === "/readyz") {
      const { ok, body } = await readiness();
      return send(res, ok ? 200 : 503, body);
    }
    if (req.method === "GET" && path === "/metrics") {
      const refused = metricsAccess(req);
      if (refused) {
        res.writeHead(refused.status, {
          "content-type": "text/plain; charset=utf-8",
          "cache-control": "no-store",
          ...refused.headers,
        });
        res.end(refused.text);
        return;
      }
      res.writeHead(200, { "content-type": deps.registry.contentType });
      res.end(await deps.registry.metrics());
      return;
    }
    for (const route of deps.routes ?? []) {
      if (await route(req, res)) return;
    }
    send(res, 404, { error: "not found" });
  }

  return {
    readiness,
    addWarnings(source) {
      warningSources.push(source);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify(body));
}
