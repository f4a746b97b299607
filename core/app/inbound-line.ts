// The line inbound messages wait in for their turn: at most `maxConcurrent`
// are decided at once (the gate, below the database pool), and at most
// `maxQueued` may wait (INBOUND_QUEUE_MAX). An unbounded line only grows
// until the process runs out of memory, and a reply after minutes helps
// nobody: beyond it a user message is not taken, and its sender is told to
// try again shortly. Before that, a saturated line tells a waiting sender
// that the message arrived (inbound-pressure.ts).
import { BUSY_NOTICE } from "../content/messages/flood.messages.ts";
import type { InboundMessage } from "../contracts/messages.ts";
import { createGate } from "../infra/gate.ts";
import {
  type BusyThresholds,
  createBusyAcknowledger,
  DEFAULT_BUSY_THRESHOLDS,
} from "./inbound-pressure.ts";
import { type NoticeDeps, queueNotice } from "./user-notice.ts";

export const DEFAULT_INBOUND_QUEUE_MAX = 500;
/** A sender turned away hears so at most this often. */
const NOTICE_EVERY_MS = 60_000;
/** Notices waiting for their transaction; beyond, a sender is turned away without one. */
const NOTICES_WAITING_MAX = 100;

export function createInboundLine(
  deps: NoticeDeps & {
    maxConcurrent: number;
    maxQueued?: number | undefined;
    busy?: BusyThresholds | undefined;
    /** Monotonic enough for ages in the line; Date.now without. */
    clock?: () => number;
  },
) {
  const gate = createGate(deps.maxConcurrent);
  const maxQueued = deps.maxQueued ?? DEFAULT_INBOUND_QUEUE_MAX;
  const clock = deps.clock ?? Date.now;
  const log = deps.logger.child({ component: "inbound-line" });
  /** Messages and events taken and not finished, by a sequence number: when each was taken. */
  const taken = new Map<number, number>();
  let sequence = 0;
  // The notices have a line of their own, one transaction at a time: a burst
  // of refusals must not itself flood the database pool.
  const noticeGate = createGate(1);
  const notified = new Map<string, number>();
  const waiting = () => taken.size - gate.active;
  const pressure = createBusyAcknowledger({
    ...deps,
    thresholds: deps.busy ?? DEFAULT_BUSY_THRESHOLDS,
    clock,
    // Maps keep insertion order: the first entry is the oldest unfinished.
    line: { waiting, oldestAt: () => taken.values().next().value },
    runNotice: (task) => (noticeGate.waiting >= NOTICES_WAITING_MAX ? null : noticeGate.run(task)),
  });

  return {
    gate,
    /** No room for one more user message. */
    full: () => waiting() >= maxQueued,
    /** A saturated line's "received, please wait" to the sender (see inbound-pressure.ts). */
    acknowledge: pressure.acknowledge,
    /** Runs a taken message's work, counted in the line until it is done. */
    async take<T>(work: () => Promise<T>): Promise<T> {
      const id = sequence++;
      taken.set(id, clock());
      try {
        return await work();
      } finally {
        taken.delete(id);
        if (waiting() <= 0) pressure.calm();
      }
    },
    /** Tells a sender turned away to try again (once a minute); the send-log ids. */
    async turnAway(message: Pick<InboundMessage, "channel" | "sender">): Promise<string[]> {
      const key = `${message.channel}:${message.sender.externalId}`;
      const now = Date.now();
      const last = notified.get(key);
      if (last !== undefined && now - last < NOTICE_EVERY_MS) return [];
      if (noticeGate.waiting >= NOTICES_WAITING_MAX) return [];
      if (notified.size > 10_000) {
        for (const [k, at] of notified) if (now - at >= NOTICE_EVERY_MS) notified.delete(k);
      }
      notified.set(key, now);
      log.warn(
        { channel: message.channel, waiting: waiting() },
        "Inbound line full; sender told to try again",
      );
      return noticeGate.run(() => queueNotice(deps, message, BUSY_NOTICE));
    },
  };
}
