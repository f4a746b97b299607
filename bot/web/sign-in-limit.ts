// A per-address rate limit on the sign-in forms (@fastify/rate-limit), on top
// of the per-account lock-out: CONSOLE_SIGN_IN_PER_MINUTE attempts a minute
// from one client address, counted in Redis (shared by every process). The
// address is `request.ip`: the socket's, or behind a proxy named in
// HTTP_TRUST_PROXY the one it forwards. Past the limit: 429 and a page.
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import type { RedisClient } from "../../core/infra/redis.ts";
import { messagePage } from "./html.ts";

const LIMITED = "FST_CONSOLE_SIGN_IN_LIMITED";

export async function registerSignInLimit(
  app: FastifyInstance,
  deps: { redis: RedisClient; prefix: string },
) {
  await app.register(fastifyRateLimit, {
    global: false,
    redis: deps.redis,
    nameSpace: `${deps.prefix}:web:rate:`,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error("too many sign-in attempts"), {
        statusCode: context.statusCode,
        code: LIMITED,
      }),
  });
}

/** The route config of a sign-in form. */
export const signInLimit = (perMinute: number) => ({ max: perMinute, timeWindow: 60_000 });

/** The page for a refusal by the limit; null for any other error. */
export const limitedPage = (err: { code?: string }): string | null =>
  err.code === LIMITED
    ? messagePage(
        "Terlalu banyak percobaan",
        "Terlalu banyak percobaan masuk dari alamat ini. Silakan tunggu satu menit lalu coba lagi.",
      )
    : null;
