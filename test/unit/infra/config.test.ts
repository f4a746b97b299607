import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../core/config.ts";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("runs on the embedded defaults with an empty environment", () => {
    const config = loadConfig({});
    expect(config.env).toBe("development");
    expect(config.database.kind).toBe("embedded");
    expect(config.database).toMatchObject({ dir: expect.stringMatching(/data[/\\]pglite$/) });
    expect(config.redis).toMatchObject({ url: "redis://127.0.0.1:6379", autostart: true });
    expect(config.http).toEqual({
      host: "127.0.0.1",
      port: 3000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      maxConnections: 256,
      trustProxy: false,
    });
    expect(config.metrics).toEqual({ token: undefined, cacheMs: 15_000 });
    expect(config.queuePrefix).toBe("lpse");
  });

  it("takes opening hours in both languages or neither (then from the calendar)", () => {
    expect(loadConfig({}).helpdesk.openingHours).toBeUndefined();
    expect(
      loadConfig({ OPENING_HOURS: "Senin-Kamis 08.00-15.00 WIB", OPENING_HOURS_EN: "Mon-Thu" })
        .helpdesk.openingHours,
    ).toEqual({ id: "Senin-Kamis 08.00-15.00 WIB", en: "Mon-Thu" });
    expect(problemsOf({ OPENING_HOURS: "Senin-Kamis 08.00-15.00 WIB" })[0]).toMatch(
      /^OPENING_HOURS_EN: .*set OPENING_HOURS and OPENING_HOURS_EN together/u,
    );
    expect(loadConfig({ COMPLAINT_RESPONSE_DAYS: "14" }).helpdesk.complaintResponseDays).toBe(14);
    expect(loadConfig({}).helpdesk.handoffReceiptQuietMs).toBe(30 * 60_000);
  });

  it("uses PostgreSQL when DATABASE_URL is set and treats an empty one as unset", () => {
    const pg = loadConfig({ DATABASE_URL: "postgresql://u:p@db:5432/helpdesk" });
    expect(pg.database).toEqual({ kind: "postgres", url: "postgresql://u:p@db:5432/helpdesk" });
    expect(loadConfig({ DATABASE_URL: "" }).database.kind).toBe("embedded");
  });

  it("parses numbers and booleans from strings", () => {
    const config = loadConfig({
      HTTP_PORT: "8080",
      REDIS_AUTOSTART: "false",
      SHUTDOWN_TIMEOUT_MS: "500",
    });
    expect(config.http.port).toBe(8080);
    expect(config.redis.autostart).toBe(false);
    expect(config.shutdownTimeoutMs).toBe(500);
  });

  it("lists every problem at once, each with an example value", () => {
    const problems = problemsOf({
      HTTP_PORT: "eighty",
      DATABASE_URL: "mysql://x/y",
      REDIS_URL: "http://localhost",
      LOG_LEVEL: "loud",
      REDIS_AUTOSTART: "maybe",
    });
    expect(problems).toHaveLength(5);
    for (const name of ["HTTP_PORT", "DATABASE_URL", "REDIS_URL", "LOG_LEVEL", "REDIS_AUTOSTART"]) {
      const line = problems.find((p) => p.startsWith(`${name}:`));
      expect(line, name).toBeDefined();
      expect(line).toMatch(new RegExp(`contoh/example: ${name}=`));
    }
  });

  it("makes one readable message out of the problems", () => {
    try {
      loadConfig({ HTTP_PORT: "-1", QUEUE_PREFIX: "bad prefix!" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      expect(message.split("\n")[0]).toBe("Konfigurasi tidak valid / invalid configuration:");
      expect(message).toContain("HTTP_PORT:");
      expect(message).toContain("QUEUE_PREFIX:");
      expect(message).toContain(".env.example");
    }
  });

  it("talks to a Redis Cluster only under a hash-tagged QUEUE_PREFIX", () => {
    expect(loadConfig({}).redis.clusterNodes).toBeUndefined();
    expect(loadConfig({ REDIS_CLUSTER_NODES: "" }).redis.clusterNodes).toBeUndefined();
    const cluster = loadConfig({
      REDIS_CLUSTER_NODES: " 10.0.0.11:6379, redis-2.internal:7000,[::1]:7001",
      QUEUE_PREFIX: "{lpse}",
    });
    expect(cluster.redis.clusterNodes).toEqual([
      { host: "10.0.0.11", port: 6379 },
      { host: "redis-2.internal", port: 7000 },
      { host: "::1", port: 7001 },
    ]);
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: "10.0.0.11:6379", QUEUE_PREFIX: "prod{lpse}:x" })
        .queuePrefix,
    ).toBe("prod{lpse}:x");
    for (const prefix of ["lpse", "{}lpse", "lpse:{a"]) {
      expect(
        problemsOf({ REDIS_CLUSTER_NODES: "10.0.0.11:6379", QUEUE_PREFIX: prefix }),
        prefix,
      ).toEqual([expect.stringMatching(/^QUEUE_PREFIX: harus memakai hash tag.*\{lpse\}/)]);
    }
    expect(problemsOf({ REDIS_CLUSTER_NODES: "10.0.0.11", QUEUE_PREFIX: "{lpse}" })).toEqual([
      expect.stringMatching(/^REDIS_CLUSTER_NODES: host:port/),
    ]);
  });

  it("requires PostgreSQL, the admin token, the keys and the office e-mail in production", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^DATABASE_URL: wajib di production: database bawaan/),
      expect.stringMatching(/^ADMIN_TOKEN: wajib/),
      expect.stringMatching(/^MASTER_KEYS: wajib/),
      expect.stringMatching(/^HASH_KEY: wajib/),
      expect.stringMatching(/^OFFICE_EMAIL: wajib/),
    ]);
    const secrets = {
      NODE_ENV: "production",
      ADMIN_TOKEN: "x".repeat(32),
      MASTER_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
      HASH_KEY: Buffer.alloc(32, 2).toString("base64"),
      OFFICE_EMAIL: "lpse@example.go.id",
    };
    const production = loadConfig({ ...secrets, DATABASE_URL: "postgresql://u@db/helpdesk" });
    expect(production.adminToken).toBe("x".repeat(32));
    expect(production.helpdesk.officeEmail).toBe("lpse@example.go.id");
    expect(problemsOf(secrets)).toEqual([expect.stringMatching(/ALLOW_EMBEDDED_DATABASE=true/)]);
    const allowed = loadConfig({ ...secrets, ALLOW_EMBEDDED_DATABASE: "true" });
    expect(allowed.database.kind).toBe("embedded");
  });

  it("keeps the headers timeout within the request timeout", () => {
    expect(
      problemsOf({ HTTP_HEADERS_TIMEOUT_MS: "40000", HTTP_REQUEST_TIMEOUT_MS: "30000" }),
    ).toEqual([expect.stringMatching(/^HTTP_HEADERS_TIMEOUT_MS: tidak boleh lebih lama/)]);
  });

  it("checks keys, sizes and the draft timers", () => {
    expect(problemsOf({ ADMIN_TOKEN: "short" })).toEqual([
      expect.stringMatching(/^ADMIN_TOKEN: minimal 24/),
    ]);
    expect(problemsOf({ MASTER_KEYS: "k1:c2hvcnQ=" })).toEqual([
      expect.stringMatching(/^MASTER_KEYS: .*32 bytes/),
    ]);
    expect(problemsOf({ HASH_KEY: "c2hvcnQ=" })).toEqual([
      expect.stringMatching(/^HASH_KEY: minimal 32 byte/),
    ]);
    expect(problemsOf({ OFFICE_EMAIL: "not-mail" })).toEqual([
      expect.stringMatching(/^OFFICE_EMAIL: /),
    ]);
    expect(problemsOf({ DRAFT_REMINDER_MINUTES: "120", DRAFT_EXPIRY_HOURS: "1" })).toEqual([
      expect.stringMatching(/^DRAFT_REMINDER_MINUTES: harus lebih singkat/),
    ]);
    const config = loadConfig({
      DRAFT_REMINDER_MINUTES: "10",
      DRAFT_EXPIRY_HOURS: "2",
      MEDIA_MAX_BYTES: "2048",
    });
    expect(config.helpdesk).toMatchObject({
      draftReminderAfterMs: 600_000,
      draftExpiryAfterMs: 7_200_000,
      mediaMaxBytes: 2048,
      officeEmail: "helpdesk@lpse-landak.invalid",
    });
  });
});
