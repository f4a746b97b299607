// Messages sent while the bot was offline. rc14 delivers what queued up on
// WhatsApp's side while no socket was open as `messages.upsert` type
// 'append' (the stanza's `offline` attribute), in batches. 'append' also
// carries our own sends from other devices and group notifications (the
// mapper drops those); history sync comes as `messaging-history.set`, which
// the bot never reads. So an 'append' message is taken when it is newer than
// the last moment the socket was known to be open, less a margin for clock
// skew: what came before was seen live (and the dedupe of processed_messages
// stops a second answer anyway).
import type { MessageUpsertType, WAMessage } from "@whiskeysockets/baileys";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";

export interface OfflineTiming {
  /** Taken from this much before the last time the socket was open (clock skew). */
  offlineMarginMs: number;
  /** Never older than this, whatever the record says (or when there is none). */
  offlineMaxAgeMs: number;
  /** How often "still open" is written while the socket is up. */
  openHeartbeatMs: number;
}

export const DEFAULT_OFFLINE_TIMING: OfflineTiming = {
  offlineMarginMs: 5 * 60_000,
  offlineMaxAgeMs: 3 * 24 * 3600_000,
  openHeartbeatMs: 30_000,
};

export function createOfflineWindow(deps: {
  redis: RedisClient;
  /** Redis key of the last moment the socket was open (per session). */
  key: string;
  now: () => Date;
  timing: OfflineTiming;
  logger: Logger;
}) {
  let lastOpenMs: number | null = null;
  /** Fixed when a socket opens: its offline batches may come over minutes. */
  let windowStartMs: number | null = null;
  let heartbeat: NodeJS.Timeout | undefined;

  const record = () => {
    const at = deps.now().getTime();
    lastOpenMs = at;
    deps.redis
      .set(deps.key, String(at))
      .catch((err: unknown) => deps.logger.warn({ err }, "WhatsApp open time not recorded"));
  };

  return {
    /** Before a socket is made: what the previous one (in any process) last saw. */
    async load(): Promise<void> {
      const stored = await deps.redis.get(deps.key).catch(() => null);
      const ms = stored === null ? Number.NaN : Number(stored);
      if (Number.isFinite(ms)) lastOpenMs = Math.max(lastOpenMs ?? 0, ms);
    },
    opened(): void {
      windowStartMs = lastOpenMs === null ? null : lastOpenMs - deps.timing.offlineMarginMs;
      clearInterval(heartbeat);
      heartbeat = setInterval(record, deps.timing.openHeartbeatMs);
      heartbeat.unref();
    },
    /** The socket closed: it was open until now. */
    closed(wasOpen: boolean): void {
      clearInterval(heartbeat);
      heartbeat = undefined;
      if (wasOpen) record();
    },
    /** Whether the bot answers a message of an upsert of this type. */
    accepts(type: MessageUpsertType, msg: WAMessage): boolean {
      if (type === "notify") return true;
      if (msg.key.fromMe) return false;
      const seconds = Number(msg.messageTimestamp ?? 0);
      if (!Number.isFinite(seconds) || seconds <= 0) return false;
      const now = deps.now().getTime();
      const floor = now - deps.timing.offlineMaxAgeMs;
      return seconds * 1000 >= Math.max(floor, windowStartMs ?? floor);
    },
  };
}

export type OfflineWindow = ReturnType<typeof createOfflineWindow>;
