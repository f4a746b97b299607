// Settings of the database (PostgreSQL or the embedded PGlite), Redis and the
// BullMQ queues. Used by core/infra/db.ts, core/infra/redis.ts and the workers.
import { z } from "zod";
import { bool, defineArea, integer, optional, setting, splitList } from "./setting.ts";

export const storageArea = defineArea("Database, Redis and queues", {
  DATABASE_URL: setting(
    optional(
      z.url({
        protocol: /^postgres(ql)?$/,
        error: "harus URL postgresql:// / must be a postgresql:// URL",
      }),
    ),
    {
      example: "postgresql://helpdesk:secret@127.0.0.1:5432/helpdesk",
      description:
        "PostgreSQL URL. Empty: the embedded PGlite database under `DATA_DIR`, all roles in one process.",
    },
  ),
  DATA_DIR: setting(z.string().min(1).default("./data"), {
    example: "./data",
    description:
      "Files of the embedded database, the private Redis, generated development keys and `chat.log`.",
  }),
  ALLOW_EMBEDDED_DATABASE: setting(bool(false), {
    example: "false",
    description:
      "With `NODE_ENV=production` and no `DATABASE_URL`, start-up is refused unless this is `true` (the embedded database serves one process, with no backups or replication).",
  }),
  REDIS_URL: setting(
    z
      .url({ protocol: /^rediss?$/, error: "harus URL redis:// / must be a redis:// URL" })
      .default("redis://127.0.0.1:6379"),
    {
      example: "redis://127.0.0.1:6379",
      description: "Redis for the BullMQ queues; must use `maxmemory-policy noeviction`.",
    },
  ),
  REDIS_AUTOSTART: setting(bool(true), {
    example: "true",
    description: "Start a private `redis-server` when nothing answers at a local `REDIS_URL`.",
  }),
  REDIS_CLUSTER_NODES: setting(
    optional(
      z
        .string()
        .transform(splitList)
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
        ),
    ),
    {
      example: "10.0.0.11:6379,10.0.0.12:6379,10.0.0.13:6379",
      description:
        "Redis Cluster seeds, `host:port,host:port`; then `REDIS_URL` only gives the password/TLS and `QUEUE_PREFIX` must be hash-tagged (see Redis Cluster).",
    },
  ),
  QUEUE_PREFIX: setting(
    z
      .string()
      .regex(
        /^[A-Za-z0-9_{}:-]+$/,
        "hanya huruf, angka, _ - : { } / letters, digits, _ - : { } only",
      )
      .default("lpse"),
    {
      example: "{lpse}",
      description: "Prefix of every queue key. Use a hash tag such as `{lpse}` on Redis Cluster.",
    },
  ),
  WORKER_LOCK_MS: setting(integer(1000, 600_000).default(30_000), {
    example: "30000",
    description:
      "Job lock of the queue workers (ms): a job whose worker process died is run again about this long after its last lock renewal.",
  }),
});
