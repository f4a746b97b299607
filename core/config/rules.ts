// Checks across settings, run after every variable parsed on its own. Each
// rule names the variable it reports on; `about` is its line in
// docs/configuration.md. The order is the order of the problems reported.
import type { z } from "zod";
import type { Env } from "./env.ts";

export interface ConfigRule {
  about: string;
  check(env: Env, ctx: z.RefinementCtx): void;
}

const problem = (ctx: z.RefinementCtx, name: keyof Env, message: string) =>
  ctx.addIssue({ code: "custom", path: [name], message });

/** A `{tag}` before any other brace: Redis Cluster hashes a key on its first tag only. */
const HASH_TAGGED = /^[^{]*\{[^{}]+\}/;

export const CONFIG_RULES: readonly ConfigRule[] = [
  {
    about: "`DRAFT_REMINDER_MINUTES` comes before the draft expires (`DRAFT_EXPIRY_HOURS`).",
    check(env, ctx) {
      if (env.DRAFT_REMINDER_MINUTES >= env.DRAFT_EXPIRY_HOURS * 60) {
        problem(
          ctx,
          "DRAFT_REMINDER_MINUTES",
          "harus lebih singkat dari DRAFT_EXPIRY_HOURS / must come before the draft expires",
        );
      }
    },
  },
  {
    // One language alone would leave the other reading the first (issue 19).
    about: "`OPENING_HOURS` and `OPENING_HOURS_EN` are set together, or neither.",
    check(env, ctx) {
      if ((env.OPENING_HOURS === undefined) !== (env.OPENING_HOURS_EN === undefined)) {
        problem(
          ctx,
          env.OPENING_HOURS === undefined ? "OPENING_HOURS" : "OPENING_HOURS_EN",
          "OPENING_HOURS dan OPENING_HOURS_EN diisi bersama, atau keduanya kosong (dari kalender kerja) / set OPENING_HOURS and OPENING_HOURS_EN together, or neither (written from the business calendar)",
        );
      }
    },
  },
  {
    about: "`RETENTION_PERSONAL_DAYS` is not shorter than `RETENTION_ATTACHMENT_DAYS`.",
    check(env, ctx) {
      if (env.RETENTION_PERSONAL_DAYS < env.RETENTION_ATTACHMENT_DAYS) {
        problem(
          ctx,
          "RETENTION_PERSONAL_DAYS",
          "tidak boleh lebih singkat dari RETENTION_ATTACHMENT_DAYS / must not be shorter than RETENTION_ATTACHMENT_DAYS",
        );
      }
    },
  },
  {
    // BullMQ's scripts touch several keys of a queue at once; a cluster runs
    // them only when every key hashes to one slot, which the `{tag}` ensures.
    about: "With `REDIS_CLUSTER_NODES`, `QUEUE_PREFIX` holds a hash tag such as `{lpse}`.",
    check(env, ctx) {
      if (env.REDIS_CLUSTER_NODES && !HASH_TAGGED.test(env.QUEUE_PREFIX)) {
        problem(
          ctx,
          "QUEUE_PREFIX",
          "harus memakai hash tag, mis. {lpse}, bila REDIS_CLUSTER_NODES diisi / must contain a hash tag such as {lpse} when REDIS_CLUSTER_NODES is set",
        );
      }
    },
  },
  {
    about:
      "`TELEGRAM_MODE=webhook` with a `TELEGRAM_BOT_TOKEN` requires `TELEGRAM_WEBHOOK_URL` and `TELEGRAM_WEBHOOK_SECRET`.",
    check(env, ctx) {
      if (env.TELEGRAM_MODE !== "webhook" || !env.TELEGRAM_BOT_TOKEN) return;
      for (const name of ["TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET"] as const) {
        if (!env[name]) {
          problem(
            ctx,
            name,
            "wajib bila TELEGRAM_MODE=webhook / required when TELEGRAM_MODE=webhook",
          );
        }
      }
    },
  },
  {
    // Node refuses a headers timeout longer than the whole request's.
    about: "`HTTP_HEADERS_TIMEOUT_MS` does not exceed `HTTP_REQUEST_TIMEOUT_MS`.",
    check(env, ctx) {
      if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
        problem(
          ctx,
          "HTTP_HEADERS_TIMEOUT_MS",
          "tidak boleh lebih lama dari HTTP_REQUEST_TIMEOUT_MS / must not exceed HTTP_REQUEST_TIMEOUT_MS",
        );
      }
    },
  },
  {
    // One process, no backups, no replication: fine for a try-out, not for the
    // office's data, unless someone decided so explicitly.
    about:
      "In production (`NODE_ENV=production`), `DATABASE_URL` is required unless `ALLOW_EMBEDDED_DATABASE=true`.",
    check(env, ctx) {
      if (env.NODE_ENV !== "production") return;
      if (!env.DATABASE_URL && !env.ALLOW_EMBEDDED_DATABASE) {
        problem(
          ctx,
          "DATABASE_URL",
          "wajib di production: database bawaan (PGlite di DATA_DIR) hanya untuk satu proses, tanpa cadangan dan replikasi; isi DATABASE_URL, atau ALLOW_EMBEDDED_DATABASE=true bila memang disengaja / " +
            "required in production: the embedded database (PGlite in DATA_DIR) serves one process, with no backups or replication; set DATABASE_URL, or ALLOW_EMBEDDED_DATABASE=true to run on it anyway",
        );
      }
    },
  },
  {
    // Outside production, missing keys are generated into DATA_DIR (see
    // core/infra/keyring.ts); in production losing them means losing the data.
    about:
      "In production, `ADMIN_TOKEN`, `MASTER_KEYS`, `HASH_KEY` and `OFFICE_EMAIL` are required.",
    check(env, ctx) {
      if (env.NODE_ENV !== "production") return;
      for (const name of ["ADMIN_TOKEN", "MASTER_KEYS", "HASH_KEY", "OFFICE_EMAIL"] as const) {
        if (!env[name]) problem(ctx, name, "wajib di production / required in production");
      }
    },
  },
];
