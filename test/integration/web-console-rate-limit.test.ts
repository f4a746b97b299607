// The per-address limit on the sign-in form (CONSOLE_SIGN_IN_PER_MINUTE), in
// Redis, keyed by the client's address: the socket's, or what a trusted proxy
// (HTTP_TRUST_PROXY) forwards in X-Forwarded-For, and only from that proxy.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import { secondConsole } from "../support/console-session.ts";
import { AGENT_PASSWORD, browser, webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-rate-limit", logger);
const PROXY = "10.20.30.40";
const LIMIT = 3;
const limited = secondConsole(f, logger, {
  // A prefix of its own: the counters start at nought.
  prefix: `${f.prefix}:limited`,
  signInPerMinute: LIMIT,
  trustProxy: [PROXY, "192.0.2.0/24"],
});

/** A sign-in POST from `remoteAddress`, with X-Forwarded-For when given. */
async function attempt(remoteAddress: string, forwardedFor?: string) {
  const b = browser(limited.web.app);
  const csrf = await b.csrf();
  return limited.web.app.inject({
    method: "POST",
    url: "/konsol/masuk",
    remoteAddress,
    headers: {
      cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join("; "),
      "content-type": "application/x-www-form-urlencoded",
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
    payload: new URLSearchParams({
      _csrf: csrf,
      username: "tidak-ada",
      password: "salah",
    }).toString(),
  });
}

describe("the sign-in rate limit", () => {
  it("answers 429 with a page in Bahasa Indonesia past the limit from one address", async () => {
    for (let i = 0; i < LIMIT; i++) {
      expect((await attempt("198.51.100.7")).statusCode).toBe(401);
    }
    const over = await attempt("198.51.100.7");
    expect(over.statusCode).toBe(429);
    expect(over.headers["content-type"]).toContain("text/html");
    expect(over.body).toContain("Terlalu banyak percobaan masuk dari alamat ini");
    expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not held up, nor is the sign-in page itself.
    expect((await attempt("198.51.100.8")).statusCode).toBe(401);
    expect(
      (await limited.web.app.inject({ url: "/konsol/masuk", remoteAddress: "198.51.100.7" }))
        .statusCode,
    ).toBe(200);
  });

  it("counts per forwarded client behind a trusted proxy, and ignores X-Forwarded-For from others", async () => {
    for (let i = 0; i < LIMIT; i++) await attempt(PROXY, "203.0.113.1");
    expect((await attempt(PROXY, "203.0.113.1")).statusCode).toBe(429);
    // The proxy's other clients, and a proxy in the trusted range, are counted apart.
    expect((await attempt(PROXY, "203.0.113.2")).statusCode).toBe(401);
    expect((await attempt("192.0.2.9", "203.0.113.3")).statusCode).toBe(401);
    // An untrusted sender cannot pick a fresh address with the header.
    for (let i = 0; i < LIMIT; i++) await attempt("198.51.100.20", `203.0.113.${50 + i}`);
    expect((await attempt("198.51.100.20", "203.0.113.99")).statusCode).toBe(429);
  });

  it("still signs in below the limit", async () => {
    const res = await browser(limited.web.app).signIn("analis", AGENT_PASSWORD);
    expect(res.statusCode).toBe(303);
  });
});
