// From the parsed environment to Config: units converted, paths resolved,
// defaults that depend on other settings filled in.
import path from "node:path";
import type { Env } from "./env.ts";
import type { Config } from "./types.ts";

export function buildConfig(env: Env): Config {
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
      trustProxy: env.HTTP_TRUST_PROXY,
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
    console: {
      cookieSecure: env.CONSOLE_COOKIE_SECURE,
      sessionIdleMs: env.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
      upload: { maxBytes: env.CONSOLE_UPLOAD_MAX_BYTES, maxFiles: env.CONSOLE_UPLOAD_MAX_FILES },
      smtp: env.SMTP_URL
        ? {
            url: env.SMTP_URL,
            from: env.SMTP_FROM ?? env.OFFICE_EMAIL ?? "helpdesk@lpse-landak.invalid",
          }
        : undefined,
      lockout: {
        attempts: env.CONSOLE_LOCKOUT_ATTEMPTS,
        durationMs: env.CONSOLE_LOCKOUT_MINUTES * 60_000,
      },
      live: {
        maxStreams: env.CONSOLE_LIVE_MAX_STREAMS,
        heartbeatMs: env.CONSOLE_LIVE_HEARTBEAT_SECONDS * 1000,
      },
      signInPerMinute: env.CONSOLE_SIGN_IN_PER_MINUTE,
      telegramLogin:
        env.CONSOLE_TELEGRAM_LOGIN_BOT && env.TELEGRAM_BOT_TOKEN
          ? {
              botUsername: env.CONSOLE_TELEGRAM_LOGIN_BOT,
              botToken: env.TELEGRAM_BOT_TOKEN,
              maxAgeMs: env.CONSOLE_TELEGRAM_LOGIN_MAX_AGE_SECONDS * 1000,
            }
          : undefined,
      totpRequiredForSupervisor: env.CONSOLE_TOTP_REQUIRED_SUPERVISOR,
    },
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
      calendarRefreshMs: env.CALENDAR_REFRESH_SECONDS * 1000,
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
    inboundBusy: {
      waiting: env.INBOUND_BUSY_NOTICE_WAITING,
      afterMs: env.INBOUND_BUSY_NOTICE_AFTER_MS,
    },
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
