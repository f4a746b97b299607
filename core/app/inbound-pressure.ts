// Back-pressure the user can see: when the inbound line is saturated (many
// messages waiting, or the oldest has waited long), a user whose message is
// taken but must wait hears at once that it arrived and will be answered,
// once per saturation episode. The message itself keeps its place in line.
// Everything here is in memory, from the line's own figures: the normal path
// costs no statement and no Redis command.
import type { Logger } from "pino";
import { BUSY_ACK_NOTICE } from "../content/messages/flood.messages.ts";
import type { InboundMessage } from "../contracts/messages.ts";
import { type NoticeDeps, queueNotice } from "./user-notice.ts";

export interface BusyThresholds {
  /** Waiting messages from which the line counts as saturated; 0 turns the count off. */
  waiting: number;
  /** Age (ms) of the oldest unfinished message, with others waiting, that counts as saturated; 0 off. */
  afterMs: number;
}

export const DEFAULT_BUSY_THRESHOLDS: BusyThresholds = { waiting: 250, afterMs: 5000 };
/** Senders told within one episode; beyond, no more notices until it ends (memory bound). */
const EPISODE_SENDERS_MAX = 50_000;

interface LineFigures {
  waiting(): number;
  /** When the oldest message still in the line was taken (clock ms), if any. */
  oldestAt(): number | undefined;
}

export function createBusyAcknowledger(
  deps: NoticeDeps & {
    thresholds: BusyThresholds;
    line: LineFigures;
    clock: () => number;
    /** Runs a notice's transaction in the notices' own line; null when that line is full. */
    runNotice: (task: () => Promise<string[]>) => Promise<string[]> | null;
  },
) {
  const { thresholds, line } = deps;
  const log: Logger = deps.logger.child({ component: "inbound-pressure" });
  const told = new Set<string>();
  let episode = false;

  function saturated(): boolean {
    const waiting = line.waiting();
    if (waiting === 0) return false;
    if (thresholds.waiting > 0 && waiting >= thresholds.waiting) return true;
    const oldest = line.oldestAt();
    return (
      thresholds.afterMs > 0 && oldest !== undefined && deps.clock() - oldest >= thresholds.afterMs
    );
  }

  return {
    /**
     * Asked as a user message is taken: when the line is saturated and the
     * sender has not heard so in this episode, queues the notice and returns
     * its promise (never rejecting), which the message waits for before its
     * own turn so the notice is queued ahead of the reply. Null otherwise.
     */
    acknowledge(message: Pick<InboundMessage, "channel" | "sender">): Promise<string[]> | null {
      if (!saturated()) return null;
      if (!episode) {
        episode = true;
        log.warn({ waiting: line.waiting() }, "Inbound line saturated; waiting senders are told");
      }
      const key = `${message.channel}:${message.sender.externalId}`;
      if (told.has(key) || told.size >= EPISODE_SENDERS_MAX) return null;
      const queued = deps.runNotice(() => queueNotice(deps, message, BUSY_ACK_NOTICE));
      // The notices' line is full: this sender may hear it with a later message.
      if (!queued) return null;
      told.add(key);
      return queued.catch((err: unknown) => {
        log.warn({ err }, "Busy notice not queued; the message still waits its turn");
        return [];
      });
    },
    /** The line has nothing waiting: the episode is over, the next one tells everyone again. */
    calm(): void {
      if (!episode) return;
      episode = false;
      log.info({ told: told.size }, "Inbound line no longer saturated");
      told.clear();
    },
  };
}
