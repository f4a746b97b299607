// The one schema over the environment. Every process parses it once in its
// main.ts and passes the result down; nothing else reads process.env.
import path from "node:path";
import { z } from "zod";

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], {
      error: "harus true atau false / must be true or false",
    })
    .optional()
    .transform((v) => (v === undefined ? fallback : ["true", "1", "yes"].includes(v)));

const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

/** Each variable with the example shown when it is wrong or missing. */
export const configExamples: Record<string, string> = {
  NODE_ENV: "production",
  LOG_LEVEL: "info",
  HTTP_HOST: "0.0.0.0",
  HTTP_PORT: "3000",
  DATABASE_URL: "postgresql://helpdesk:secret@127.0.0.1:5432/helpdesk",
  DATA_DIR: "./data",
  REDIS_URL: "redis://127.0.0.1:6379",
  REDIS_AUTOSTART: "true",
  QUEUE_PREFIX: "lpse",
  ADMIN_TOKEN: "a-long-random-string-of-32-characters",
  SHUTDOWN_TIMEOUT_MS: "10000",
};

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    HTTP_HOST: z.string().min(1).default("127.0.0.1"),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .url({
          protocol: /^postgres(ql)?$/,
          error: "harus URL postgresql:// / must be a postgresql:// URL",
        })
        .optional(),
    ),
    DATA_DIR: z.string().min(1).default("./data"),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: "harus URL redis:// / must be a redis:// URL" })
      .default("redis://127.0.0.1:6379"),
    REDIS_AUTOSTART: bool(true),
    QUEUE_PREFIX: z
      .string()
      .regex(
        /^[A-Za-z0-9_{}:-]+$/,
        "hanya huruf, angka, _ - : { } / letters, digits, _ - : { } only",
      )
      .default("lpse"),
    ADMIN_TOKEN: z.preprocess(
      emptyAsUndefined,
      z.string().min(24, "minimal 24 karakter / at least 24 characters").optional(),
    ),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.ADMIN_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["ADMIN_TOKEN"],
        message: "wajib di production / required in production",
      });
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env["NODE_ENV"];
  logLevel: Env["LOG_LEVEL"];
  http: { host: string; port: number };
  database: { kind: "postgres"; url: string } | { kind: "embedded"; dir: string };
  dataDir: string;
  redis: { url: string; autostart: boolean; dir: string };
  queuePrefix: string;
  adminToken: string | undefined;
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(
      [
        "Konfigurasi tidak valid / invalid configuration:",
        ...problems.map((p) => `  - ${p}`),
        "Lihat .env.example dan README (Configuration) / see .env.example and the README.",
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Parses the environment, listing every problem at once with an example value. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "?");
      const example = configExamples[name];
      return `${name}: ${issue.message}${example ? ` (contoh/example: ${name}=${example})` : ""}`;
    });
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "embedded", dir: path.join(dataDir, "pglite") },
    dataDir,
    redis: { url: env.REDIS_URL, autostart: env.REDIS_AUTOSTART, dir: path.join(dataDir, "redis") },
    queuePrefix: env.QUEUE_PREFIX,
    adminToken: env.ADMIN_TOKEN,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}

/**
 * Reads `./.env` into process.env when the file exists; variables already
 * set in the environment win. Only process entry points call this.
 */
export function loadDotEnv(file = ".env"): void {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}
