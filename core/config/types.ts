// The configuration the processes use: grouped by what reads it, units made
// explicit (ms, bytes). Built from the parsed environment in build.ts.
import type { Env } from "./env.ts";

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
    /** Proxies whose X-Forwarded-For is honoured (Fastify's trustProxy); false: none. */
    trustProxy: string[] | false;
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
  /** The web console (bot/web/): session cookie, idle expiry, lock-out after wrong passwords. */
  console: {
    cookieSecure: boolean;
    /** Files on a ticket filed in the console (/konsol/tiket/baru). */
    upload: { maxBytes: number; maxFiles: number };
    /** SMTP for applicants notified by e-mail; undefined: that choice is refused. */
    smtp: { url: string; from: string } | undefined;
    sessionIdleMs: number;
    lockout: { attempts: number; durationMs: number };
    /** Live updates: streams per process, heartbeat and session re-check interval. */
    live: { maxStreams: number; heartbeatMs: number };
    /** Telegram Login Widget: the bot's user name and token; undefined: off. */
    telegramLogin: { botUsername: string; botToken: string; maxAgeMs: number } | undefined;
    /** Sign-in attempts per client address and minute. */
    signInPerMinute: number;
    /** Supervisors must sign in with a TOTP code. */
    totpRequiredForSupervisor: boolean;
  };
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
    /** Fallback re-read of the console's calendar changes (the Redis message is the fast path). */
    calendarRefreshMs: number;
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
  /** When a waiting sender is told the message arrived (0 turns a threshold off). */
  inboundBusy: { waiting: number; afterMs: number };
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
