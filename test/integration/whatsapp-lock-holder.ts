// A process that competes for the WhatsApp session lock, for
// whatsapp-lock.test.ts: it prints ACQUIRED, BUSY (one per failed try) and
// LOST lines, and gives the lock up on SIGTERM.
import { Redis } from "ioredis";
import { createLockKeeper, createSessionLock } from "../../bot/whatsapp/whatsapp.lock.ts";
import { createLogger } from "../../core/infra/logger.ts";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const ttlMs = Number(process.env.LOCK_TTL_MS ?? 1000);
const say = (line: string) => process.stdout.write(`${line}\n`);
const keeper = createLockKeeper({
  lock: createSessionLock({ redis, key: process.env.LOCK_KEY ?? "test:lock", ttlMs }),
  ttlMs,
  retryMs: Number(process.env.LOCK_RETRY_MS ?? 100),
  logger: createLogger({ level: "warn" }),
  onAcquired: () => say(`ACQUIRED ${process.pid}`),
  onLost: (reason) => say(`LOST ${reason}`),
  onBusy: () => say("BUSY"),
});
keeper.start();
say("STARTED");
process.once("SIGTERM", () => {
  void keeper.stop().then(() => {
    say("RELEASED");
    redis.disconnect();
    process.exit(0);
  });
});
