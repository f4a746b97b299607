// The one schema over the environment. Every process parses it once in its
// main.ts and passes the result down; nothing else reads process.env.
import path from "node:path";
import { z } from "zod";
import { parseMasterKeys } from "./infra/crypto.ts";

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
  HTTP_HEADERS_TIMEOUT_MS: "10000",
  HTTP_REQUEST_TIMEOUT_MS: "30000",
  HTTP_MAX_CONNECTIONS: "256",
  METRICS_TOKEN: "a-long-random-string-of-32-characters",
  METRICS_CACHE_SECONDS: "15",
  DATABASE_URL: "postgresql://helpdesk:secret@127.0.0.1:5432/helpdesk",
  DATA_DIR: "./data",
  ALLOW_EMBEDDED_DATABASE: "false",
  REDIS_URL: "redis://127.0.0.1:6379",
  REDIS_AUTOSTART: "true",
  REDIS_CLUSTER_NODES: "10.0.0.11:6379,10.0.0.12:6379,10.0.0.13:6379",
  QUEUE_PREFIX: "{lpse}",
  ADMIN_TOKEN: "a-long-random-string-of-32-characters",
  SHUTDOWN_TIMEOUT_MS: "10000",
  OFFICE_EMAIL: "helpdesk-lpse@example.go.id",
  OPENING_HOURS: "Senin-Jumat 07.30-16.00 WIB",
  OPENING_HOURS_EN: "Monday-Friday 07:30-16:00 WIB",
  HANDOFF_RECEIPT_QUIET_MINUTES: "30",
  COMPLAINT_RESPONSE_DAYS: "5",
  DRAFT_REMINDER_MINUTES: "30",
  DRAFT_EXPIRY_HOURS: "24",
  MEDIA_MAX_BYTES: "10485760",
  MEDIA_DOWNLOAD_TIMEOUT_MS: "60000",
  HOLIDAYS: "2026-12-25,2027-01-01",
  ROUTING_RULES_FILE: "./config/routing.json",
  BUSINESS_CALENDAR_FILE: "./config/calendar.json",
  HOLIDAYS_FILE:
    "core/content/holidays/indonesia-2026.json,core/content/holidays/indonesia-2027.json",
  RETENTION_ATTACHMENT_DAYS: "90",
  RETENTION_PERSONAL_DAYS: "365",
  RETENTION_MESSAGE_DAYS: "30",
  TELEGRAM_BOT_TOKEN: "123456789:AAExampleTokenFromBotFather_abcdefghijk",
  TELEGRAM_API_ROOT: "https://api.telegram.org",
  TELEGRAM_MAX_DOWNLOAD_BYTES: "20971520",
  TELEGRAM_POLL_TIMEOUT_SECONDS: "30",
  TELEGRAM_AGENT_CHAT_ID: "-1001234567890",
  TELEGRAM_SUPERVISOR_CHAT_ID: "123456789",
  TELEGRAM_GLOBAL_RATE_PER_SECOND: "25",
  TELEGRAM_CHAT_INTERVAL_MS: "1000",
  TELEGRAM_MODE: "polling",
  TELEGRAM_WEBHOOK_URL: "https://helpdesk.lpse.example.go.id/telegram/webhook",
  TELEGRAM_WEBHOOK_SECRET: "a-random-string-of-A-Z-a-z-0-9-_-up-to-256",
  MASTER_KEYS: "k1:<32 bytes in base64, e.g. from `openssl rand -base64 32`>",
  HASH_KEY: "<32 bytes in base64, e.g. from `openssl rand -base64 32`>",
  WHATSAPP_ENABLED: "true",
  WHATSAPP_PAIRING_NUMBER: "62811579941",
  WHATSAPP_SESSION_ID: "helpdesk",
  WHATSAPP_CHAT_INTERVAL_MS: "1500",
  WHATSAPP_GLOBAL_RATE_PER_SECOND: "5",
  DESK_KTP_VIEW_MINUTES: "10",
  AGENT_SIGNATURE: "office",
  AGENT_TEMPLATES_FILE: "./config/templates.json",
  TELEGRAM_GROUP_MESSAGES_PER_MINUTE: "18",
  RATE_LIMIT_BURST: "20",
  RATE_LIMIT_PER_MINUTE: "30",
  WORKER_LOCK_MS: "30000",
  INBOUND_CONCURRENCY: "6",
  INBOUND_QUEUE_MAX: "500",
  OFFICE_NAME: "LPSE Kabupaten Landak",
  OFFICE_ADDRESS: "Jl. Pangeran Cinata, Ngabang, Kabupaten Landak, Kalimantan Barat",
  LETTER_NUMBER_FORMAT: "{seq}/SKG/LPSE-LDK/{year}",
  LETTER_SIGNER_NAME: "Nama Kepala LPSE",
  LETTER_SIGNER_POSITION: "Kepala LPSE Kabupaten Landak",
  LETTER_SIGNER_NIP: "197001012000031001",
  SELF_SERVICE_ENABLED: "true",
  ARTICLES_DIR: "/etc/lpse-helpdesk/articles",
};

const variables = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HTTP_HOST: z.string().min(1).default("127.0.0.1"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(256),
  METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(24, "minimal 24 karakter / at least 24 characters").optional(),
  ),
  METRICS_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(15),
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
  ALLOW_EMBEDDED_DATABASE: bool(false),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "harus URL redis:// / must be a redis:// URL" })
    .default("redis://127.0.0.1:6379"),
  REDIS_AUTOSTART: bool(true),
  REDIS_CLUSTER_NODES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((node) => node.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(
                /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/,
                "host:port, dipisah koma / comma-separated host:port",
              ),
          )
          .min(1),
      )
      .optional(),
  ),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}:-]+$/, "hanya huruf, angka, _ - : { } / letters, digits, _ - : { } only")
    .default("lpse"),
  ADMIN_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(24, "minimal 24 karakter / at least 24 characters").optional(),
  ),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  OFFICE_EMAIL: z.preprocess(
    emptyAsUndefined,
    z.email({ error: "harus alamat e-mail / must be an e-mail address" }).optional(),
  ),
  // Unset: written from the business calendar in each language.
  OPENING_HOURS: z.preprocess(emptyAsUndefined, z.string().min(3).optional()),
  OPENING_HOURS_EN: z.preprocess(emptyAsUndefined, z.string().min(3).optional()),
  HANDOFF_RECEIPT_QUIET_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  COMPLAINT_RESPONSE_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  DRAFT_REMINDER_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  DRAFT_EXPIRY_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 * 1024 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  MEDIA_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  HOLIDAYS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((d) => d.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.iso.date({ error: "tanggal YYYY-MM-DD / dates as YYYY-MM-DD" }))),
  ROUTING_RULES_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  BUSINESS_CALENDAR_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  HOLIDAYS_FILE: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  RETENTION_ATTACHMENT_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_PERSONAL_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RETENTION_MESSAGE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  TELEGRAM_BOT_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, "bukan token BotFather / not a BotFather token")
      .optional(),
  ),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default("https://api.telegram.org"),
  TELEGRAM_MAX_DOWNLOAD_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1024).optional(),
  ),
  TELEGRAM_POLL_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(50).default(30),
  TELEGRAM_AGENT_CHAT_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^-?\d+$/, "id chat berupa angka / a numeric chat id")
      .optional(),
  ),
  TELEGRAM_SUPERVISOR_CHAT_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^-?\d+$/, "id chat berupa angka / a numeric chat id")
      .optional(),
  ),
  TELEGRAM_GLOBAL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(25),
  TELEGRAM_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  TELEGRAM_MODE: z.preprocess(emptyAsUndefined, z.enum(["polling", "webhook"]).default("polling")),
  TELEGRAM_WEBHOOK_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https$/, error: "harus URL https:// / must be an https:// URL" })
      .optional(),
  ),
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{16,256}$/,
        "16-256 karakter A-Z a-z 0-9 _ - / 16-256 characters A-Z a-z 0-9 _ -",
      )
      .optional(),
  ),
  MASTER_KEYS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .superRefine((spec, ctx) => {
        try {
          parseMasterKeys(spec);
        } catch (err) {
          ctx.addIssue({
            code: "custom",
            message: `${(err as Error).message} / format: id:base64[,id:base64]`,
          });
        }
      })
      .optional(),
  ),
  HASH_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (v) => Buffer.from(v, "base64").length >= 32,
        "minimal 32 byte base64 / at least 32 bytes in base64",
      )
      .optional(),
  ),
  WHATSAPP_ENABLED: bool(false),
  WHATSAPP_PAIRING_NUMBER: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^62\d{8,13}$/, "nomor tanpa + diawali 62 / digits starting with 62, no +")
      .optional(),
  ),
  WHATSAPP_SESSION_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "huruf, angka, _ - / letters, digits, _ -")
    .default("helpdesk"),
  WHATSAPP_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  WHATSAPP_GLOBAL_RATE_PER_SECOND: z.coerce.number().min(0.1).max(50).default(5),
  DESK_KTP_VIEW_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  AGENT_SIGNATURE: z.enum(["office", "agent"]).default("office"),
  AGENT_TEMPLATES_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  TELEGRAM_GROUP_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(20).default(18),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1000).default(20),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(30),
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  INBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(9).default(6),
  INBOUND_QUEUE_MAX: z.coerce.number().int().min(1).max(100_000).default(500),
  OFFICE_NAME: z.string().min(3).default("LPSE Kabupaten Landak"),
  OFFICE_ADDRESS: z
    .string()
    .min(3)
    .default("Jl. Pangeran Cinata, Ngabang, Kabupaten Landak, Kalimantan Barat"),
  LETTER_NUMBER_FORMAT: z
    .string()
    .refine((v) => v.includes("{seq}"), "harus memuat {seq} / must contain {seq}")
    .default("{seq}/SKG/LPSE-LDK/{year}"),
  LETTER_SIGNER_NAME: z.string().min(3).default("Kepala LPSE Kabupaten Landak"),
  LETTER_SIGNER_POSITION: z.string().min(3).default("Kepala LPSE Kabupaten Landak"),
  LETTER_SIGNER_NIP: z
    .string()
    .regex(/^\d{18}$|^-$/, "18 digit NIP atau - / 18-digit NIP or -")
    .default("-"),
  SELF_SERVICE_ENABLED: bool(true),
  ARTICLES_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
});

/** Every variable the service reads, for documentation checks. */
export const CONFIG_VARIABLES = Object.keys(variables.shape);

/** A `{tag}` before any other brace: Redis Cluster hashes a key on its first tag only. */
const HASH_TAGGED = /^[^{]*\{[^{}]+\}/;

const schema = variables.superRefine((env, ctx) => {
  if (env.DRAFT_REMINDER_MINUTES >= env.DRAFT_EXPIRY_HOURS * 60) {
    ctx.addIssue({
      code: "custom",
      path: ["DRAFT_REMINDER_MINUTES"],
      message: "harus lebih singkat dari DRAFT_EXPIRY_HOURS / must come before the draft expires",
    });
  }
  // One language alone would leave the other reading the first (issue 19).
  if ((env.OPENING_HOURS === undefined) !== (env.OPENING_HOURS_EN === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: [env.OPENING_HOURS === undefined ? "OPENING_HOURS" : "OPENING_HOURS_EN"],
      message:
        "OPENING_HOURS dan OPENING_HOURS_EN diisi bersama, atau keduanya kosong (dari kalender kerja) / set OPENING_HOURS and OPENING_HOURS_EN together, or neither (written from the business calendar)",
    });
  }
  if (env.RETENTION_PERSONAL_DAYS < env.RETENTION_ATTACHMENT_DAYS) {
    ctx.addIssue({
      code: "custom",
      path: ["RETENTION_PERSONAL_DAYS"],
      message:
        "tidak boleh lebih singkat dari RETENTION_ATTACHMENT_DAYS / must not be shorter than RETENTION_ATTACHMENT_DAYS",
    });
  }
  // BullMQ's scripts touch several keys of a queue at once; a cluster runs
  // them only when every key hashes to one slot, which the `{tag}` ensures.
  if (env.REDIS_CLUSTER_NODES && !HASH_TAGGED.test(env.QUEUE_PREFIX)) {
    ctx.addIssue({
      code: "custom",
      path: ["QUEUE_PREFIX"],
      message:
        "harus memakai hash tag, mis. {lpse}, bila REDIS_CLUSTER_NODES diisi / must contain a hash tag such as {lpse} when REDIS_CLUSTER_NODES is set",
    });
  }
  if (env.TELEGRAM_MODE === "webhook" && env.TELEGRAM_BOT_TOKEN) {
    for (const name of ["TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET"] as const) {
      if (!env[name]) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "wajib bila TELEGRAM_MODE=webhook / required when TELEGRAM_MODE=webhook",
        });
      }
    }
  }
  // Node refuses a headers timeout longer than the whole request's.
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    ctx.addIssue({
      code: "custom",
      path: ["HTTP_HEADERS_TIMEOUT_MS"],
      message:
        "tidak boleh lebih lama dari HTTP_REQUEST_TIMEOUT_MS / must not exceed HTTP_REQUEST_TIMEOUT_MS",
    });
  }
  if (env.NODE_ENV !== "production") return;
  // One process, no backups, no replication: fine for a try-out, not for the
  // office's data, unless someone decided so explicitly.
  if (!env.DATABASE_URL && !env.ALLOW_EMBEDDED_DATABASE) {
    ctx.addIssue({
      code: "custom",
      path: ["DATABASE_URL"],
      message:
        "wajib di production: database bawaan (PGlite di DATA_DIR) hanya untuk satu proses, tanpa cadangan dan replikasi; isi DATABASE_URL, atau ALLOW_EMBEDDED_DATABASE=true bila memang disengaja / " +
        "required in production: the embedded database (PGlite in DATA_DIR) serves one process, with no backups or replication; set DATABASE_URL, or ALLOW_EMBEDDED_DATABASE=true to run on it anyway",
    });
  }
  // Outside production, missing keys are generated into DATA_DIR (see
  // core/infra/keyring.ts); in production losing them means losing the data.
  for (const name of ["ADMIN_TOKEN", "MASTER_KEYS", "HASH_KEY", "OFFICE_EMAIL"] as const) {
    if (!env[name]) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "wajib di production / required in production",
      });
    }
  }
});

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env["NODE_ENV"];
  logLevel: Env["LOG_LEVEL"];
  http: {
    host: string;
    port: number;
    /** A client must send its request headers within this (slow-header connections are closed). */
    headersTimeoutMs: number;
    /** ... and its whole request within this. */
    requestTimeoutMs: number;
    maxConnections: number;
  };
  /**
   * /metrics: with a token, only `Authorization: Bearer <token>`; without,
   * only clients on this machine (loopback). Costly gauges are cached.
   */
  metrics: { token: string | undefined; cacheMs: number };
  database: { kind: "postgres"; url: string } | { kind: "embedded"; dir: string };
  dataDir: string;
  redis: {
    url: string;
    autostart: boolean;
    dir: string;
    /**
     * Seed nodes of a Redis Cluster; unset for a single Redis. REDIS_URL then
     * only lends its user name, password and TLS (rediss://) to every node.
     */
    clusterNodes?: { host: string; port: number }[];
  };
  queuePrefix: string;
  adminToken: string | undefined;
  shutdownTimeoutMs: number;
  helpdesk: {
    /** The standard names no e-mail; users see this one. */
    officeEmail: string;
    /** Free text per language; undefined: written from the business calendar. */
    openingHours: { id: string; en: string } | undefined;
    /** While waiting for an agent, a message after this long a silence is acknowledged again. */
    handoffReceiptQuietMs: number;
    /** Working days within which the office answers a service complaint. */
    complaintResponseDays: number;
    draftReminderAfterMs: number;
    draftExpiryAfterMs: number;
    /** Largest file a user may send: downloads stop past it (bytes read, not claimed). */
    mediaMaxBytes: number;
    /** A file download (WhatsApp, Telegram) is given up after this long. */
    mediaDownloadTimeoutMs: number;
  };
  workflow: {
    /** Closed days (local dates) on top of weekends, for the service-time clock. */
    holidays: string[];
    /** JSON file with the routing rules; the shipped defaults without it. */
    routingRulesFile: string | undefined;
    /** JSON file with working hours per weekday, holidays and special days. */
    calendarFile: string | undefined;
    /** Confirmed national-holiday lists (core/content/holidays/*.json), merged into the calendar. */
    holidayFiles: string[];
  };
  retention: {
    attachmentDays: number;
    personalDataDays: number;
    messageDays: number;
    orphanHours: number;
  };
  /** The channel is on when a token is set. */
  telegram: {
    token: string | undefined;
    apiRoot: string;
    maxDownloadBytes: number;
    pollTimeoutSeconds: number;
    /** The agents group (a supergroup with topics); alerts go to its General topic. */
    agentChatId: string | undefined;
    supervisorChatId: string | undefined;
    /** Outgoing pacing: messages per second over all chats, and per chat. */
    globalRatePerSecond: number;
    chatIntervalMs: number;
    /** Webhook: Telegram POSTs to url (served at /telegram/webhook) with the secret. */
    mode: "polling" | "webhook";
    webhook: { url: string; secret: string } | undefined;
  };
  whatsapp: {
    enabled: boolean;
    /** Digits with country code (62…): ask for a pairing code instead of showing a QR. */
    pairingNumber: string | undefined;
    /** Names the auth state in the database; one socket per session. */
    sessionId: string;
    chatIntervalMs: number;
    globalRatePerSecond: number;
  };
  desk: {
    /** A KTP photo shown in the agents group is deleted there after this many minutes. */
    ktpViewMinutes: number;
    /** "office": replies signed "Petugas Helpdesk LPSE Landak"; "agent": with the agent's name. */
    signature: "office" | "agent";
    /** JSON file with canned answers for /templat; the shipped ones without it. */
    templatesFile: string | undefined;
    /**
     * Messages a minute into the agents group, in any sliding minute: Telegram
     * allows about 20, the default keeps headroom.
     */
    groupMessagesPerMinute: number;
  };
  /** Token bucket per sender: `burst` messages at once, refilled at `perMinute`. */
  rateLimit: { burst: number; perMinute: number };
  /**
   * BullMQ's job lock: a job whose worker process died is taken up again about
   * this long after its last renewal (stalled jobs are checked as often).
   */
  workerLockMs: number;
  /** Inbound messages decided and committed at once per process; the rest wait in order. */
  inboundConcurrency: number;
  /** Inbound messages that may wait for their turn; beyond, a sender is told to try again shortly. */
  inboundQueueMax: number;
  /** Letterhead and the signer of the disruption letter. */
  documents: {
    officeName: string;
    officeAddress: string;
    /** `{seq}` (zero-padded to 3) and `{year}` are replaced. */
    letterNumberFormat: string;
    signer: { name: string; position: string; nip: string };
  };
  /** Help articles offered in the chat (self-service answers). */
  selfService: {
    enabled: boolean;
    /** The office's Markdown articles; the shipped set (core/content/articles) when unset. */
    articlesDir: string | undefined;
  };
  /** Unset outside production: generated and kept in DATA_DIR/secrets.json. */
  secrets: { masterKeys: string | undefined; hashKey: string | undefined };
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
    http: {
      host: env.HTTP_HOST,
      port: env.HTTP_PORT,
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      maxConnections: env.HTTP_MAX_CONNECTIONS,
    },
    metrics: { token: env.METRICS_TOKEN, cacheMs: env.METRICS_CACHE_SECONDS * 1000 },
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "embedded", dir: path.join(dataDir, "pglite") },
    dataDir,
    redis: {
      url: env.REDIS_URL,
      autostart: env.REDIS_AUTOSTART,
      dir: path.join(dataDir, "redis"),
      clusterNodes: env.REDIS_CLUSTER_NODES?.map(parseHostPort),
    },
    queuePrefix: env.QUEUE_PREFIX,
    adminToken: env.ADMIN_TOKEN,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    helpdesk: {
      // Outside production a placeholder that cannot be mistaken for a real address.
      officeEmail: env.OFFICE_EMAIL ?? "helpdesk@lpse-landak.invalid",
      openingHours:
        env.OPENING_HOURS && env.OPENING_HOURS_EN
          ? { id: env.OPENING_HOURS, en: env.OPENING_HOURS_EN }
          : undefined,
      handoffReceiptQuietMs: env.HANDOFF_RECEIPT_QUIET_MINUTES * 60_000,
      complaintResponseDays: env.COMPLAINT_RESPONSE_DAYS,
      draftReminderAfterMs: env.DRAFT_REMINDER_MINUTES * 60_000,
      draftExpiryAfterMs: env.DRAFT_EXPIRY_HOURS * 3_600_000,
      mediaMaxBytes: env.MEDIA_MAX_BYTES,
      mediaDownloadTimeoutMs: env.MEDIA_DOWNLOAD_TIMEOUT_MS,
    },
    workflow: {
      holidays: env.HOLIDAYS,
      routingRulesFile: env.ROUTING_RULES_FILE,
      calendarFile: env.BUSINESS_CALENDAR_FILE,
      holidayFiles: env.HOLIDAYS_FILE,
    },
    retention: {
      attachmentDays: env.RETENTION_ATTACHMENT_DAYS,
      personalDataDays: env.RETENTION_PERSONAL_DAYS,
      messageDays: env.RETENTION_MESSAGE_DAYS,
      // A draft's files live as long as the draft, plus a day of slack.
      orphanHours: env.DRAFT_EXPIRY_HOURS + 24,
    },
    telegram: {
      token: env.TELEGRAM_BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT,
      maxDownloadBytes: env.TELEGRAM_MAX_DOWNLOAD_BYTES ?? env.MEDIA_MAX_BYTES,
      pollTimeoutSeconds: env.TELEGRAM_POLL_TIMEOUT_SECONDS,
      agentChatId: env.TELEGRAM_AGENT_CHAT_ID,
      supervisorChatId: env.TELEGRAM_SUPERVISOR_CHAT_ID,
      globalRatePerSecond: env.TELEGRAM_GLOBAL_RATE_PER_SECOND,
      chatIntervalMs: env.TELEGRAM_CHAT_INTERVAL_MS,
      mode: env.TELEGRAM_MODE,
      webhook:
        env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET
          ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET }
          : undefined,
    },
    whatsapp: {
      enabled: env.WHATSAPP_ENABLED,
      pairingNumber: env.WHATSAPP_PAIRING_NUMBER,
      sessionId: env.WHATSAPP_SESSION_ID,
      chatIntervalMs: env.WHATSAPP_CHAT_INTERVAL_MS,
      globalRatePerSecond: env.WHATSAPP_GLOBAL_RATE_PER_SECOND,
    },
    desk: {
      ktpViewMinutes: env.DESK_KTP_VIEW_MINUTES,
      signature: env.AGENT_SIGNATURE,
      templatesFile: env.AGENT_TEMPLATES_FILE,
      groupMessagesPerMinute: env.TELEGRAM_GROUP_MESSAGES_PER_MINUTE,
    },
    rateLimit: { burst: env.RATE_LIMIT_BURST, perMinute: env.RATE_LIMIT_PER_MINUTE },
    workerLockMs: env.WORKER_LOCK_MS,
    inboundConcurrency: env.INBOUND_CONCURRENCY,
    inboundQueueMax: env.INBOUND_QUEUE_MAX,
    documents: {
      officeName: env.OFFICE_NAME,
      officeAddress: env.OFFICE_ADDRESS,
      letterNumberFormat: env.LETTER_NUMBER_FORMAT,
      signer: {
        name: env.LETTER_SIGNER_NAME,
        position: env.LETTER_SIGNER_POSITION,
        nip: env.LETTER_SIGNER_NIP,
      },
    },
    selfService: {
      enabled: env.SELF_SERVICE_ENABLED,
      articlesDir: env.ARTICLES_DIR ? path.resolve(env.ARTICLES_DIR) : undefined,
    },
    secrets: { masterKeys: env.MASTER_KEYS, hashKey: env.HASH_KEY },
  };
}

function parseHostPort(node: string): { host: string; port: number } {
  const colon = node.lastIndexOf(":");
  return {
    host: node.slice(0, colon).replace(/^\[|\]$/g, ""),
    port: Number(node.slice(colon + 1)),
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
