// The WhatsApp channel's timings: reconnect backoff, alerts, the session
// lock, pacing jitter, how long sent messages are kept, and the offline
// window (whatsapp.offline.ts). Tests shorten them.
import { DEFAULT_OFFLINE_TIMING, type OfflineTiming } from "./whatsapp.offline.ts";

export interface WhatsappTiming extends OfflineTiming {
  /** First reconnect wait; doubles per failure up to the cap, with jitter. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Failures in a row before the agents hear that WhatsApp is down. */
  alertAfterFailures: number;
  /** 500 (bad session) closes in a row before the session is cleared. */
  badSessionRetries: number;
  /** How long the start waits for the current WhatsApp Web version. */
  versionTimeoutMs: number;
  lockTtlMs: number;
  /** Pause between two tries of a standby process. */
  lockRetryMs: number;
  /** Up to this much random time on top of the per-chat interval. */
  chatJitterMs: number;
  /** Sent messages are kept this long for WhatsApp's retry requests. */
  sentMessageMaxAgeMs: number;
  pruneEveryMs: number;
  /** An unknown recipient triggers a reload of the senders at most this often. */
  recipientReloadMs: number;
}

export const DEFAULT_WHATSAPP_TIMING: WhatsappTiming = {
  ...DEFAULT_OFFLINE_TIMING,
  backoffBaseMs: 1000,
  backoffCapMs: 60_000,
  alertAfterFailures: 5,
  badSessionRetries: 3,
  versionTimeoutMs: 5000,
  lockTtlMs: 30_000,
  lockRetryMs: 5000,
  chatJitterMs: 1000,
  sentMessageMaxAgeMs: 7 * 24 * 3600_000,
  pruneEveryMs: 3600_000,
  recipientReloadMs: 60_000,
};
