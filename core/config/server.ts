// Settings of the HTTP server (/healthz, /readyz, /metrics, /admin/queues),
// logging and shutdown. Used by core/infra/runtime.ts and the health server.
import { z } from "zod";
import { defineArea, integer, optional, setting } from "./setting.ts";
import { trustProxySchema } from "./trust-proxy.ts";

/** A password or bearer token, unset by default. */
const token = () => optional(z.string().min(24, "minimal 24 karakter / at least 24 characters"));

export const serverArea = defineArea("Server and health", {
  NODE_ENV: setting(z.enum(["development", "production", "test"]).default("development"), {
    example: "production",
    description:
      "`development`, `production` or `test`. Production requires `ADMIN_TOKEN`, `MASTER_KEYS`, `HASH_KEY`, `OFFICE_EMAIL` and `DATABASE_URL` (or `ALLOW_EMBEDDED_DATABASE=true`).",
  }),
  LOG_LEVEL: setting(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    {
      example: "info",
      description: "pino level: `fatal` `error` `warn` `info` `debug` `trace` `silent`.",
    },
  ),
  HTTP_HOST: setting(z.string().min(1).default("127.0.0.1"), {
    example: "0.0.0.0",
    description: "Address of the HTTP server (`0.0.0.0` in a container).",
  }),
  HTTP_PORT: setting(integer(0, 65535).default(3000), {
    example: "3000",
    description: "Port of `/healthz`, `/readyz`, `/metrics` and `/admin/queues`.",
  }),
  HTTP_HEADERS_TIMEOUT_MS: setting(integer(1000, 120_000).default(10_000), {
    example: "10000",
    description:
      "A client must have sent its request headers within this; slow-header (slowloris) connections are closed. At most `HTTP_REQUEST_TIMEOUT_MS`.",
  }),
  HTTP_REQUEST_TIMEOUT_MS: setting(integer(1000, 600_000).default(30_000), {
    example: "30000",
    description: "A client must have sent its whole request within this.",
  }),
  HTTP_MAX_CONNECTIONS: setting(integer(1, 100_000).default(256), {
    example: "256",
    description:
      "Open connections the HTTP server accepts at once; further ones are closed at once.",
  }),
  HTTP_TRUST_PROXY: setting(trustProxySchema, {
    example: "10.10.0.5",
    description:
      "`off` (default): the client's address is the connection's, `X-Forwarded-For` is ignored. Behind the office's TLS proxy: that proxy's address or CIDR range (comma-separated for several; `loopback` for one on this machine); `X-Forwarded-For` is then honoured from those only. The console's sign-in rate limit counts per client address.",
  }),
  METRICS_TOKEN: setting(token(), {
    example: "a-long-random-string-of-32-characters",
    description:
      "Set: `/metrics` answers only `Authorization: Bearer <token>` (at least 24 characters). Empty: only clients on this machine (loopback); others get 403.",
  }),
  METRICS_CACHE_SECONDS: setting(integer(0, 600).default(15), {
    example: "15",
    description:
      "The costly gauges of `/metrics` (ticket counts from the database, job counts from Redis) are recomputed at most this often; `0` = every scrape.",
  }),
  ADMIN_TOKEN: setting(token(), {
    example: "a-long-random-string-of-32-characters",
    description:
      "Password of `/admin/queues`, at least 24 characters; required in production, else empty = off.",
  }),
  SHUTDOWN_TIMEOUT_MS: setting(integer(100, 120_000).default(10_000), {
    example: "10000",
    description: "How long each part may take to close on SIGINT/SIGTERM.",
  }),
});
