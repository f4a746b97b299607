// The message budget of one Telegram group: Telegram allows about 20
// messages a minute into a group and answers 429 beyond that. A fixed gap of
// 60000/20 ms is not enough (timers fire a few ms early or late, so a 21st
// message lands inside the minute); this is a sliding window over the
// messages actually let through, with headroom (18 by default, see
// TELEGRAM_GROUP_MESSAGES_PER_MINUTE).
//
// Two lanes share it: "live" (a citizen's message for the agents, an agent's
// answer) always goes before "bulk" (new tickets' topics, cards, files and
// digests), and bulk may never take the last `liveReserve` messages of a
// window, so a live message finds room even while a burst of new tickets is
// being posted.
//
// Telegram counts a message when it arrives, somewhere between our send and
// its answer; under load the gap varies, so messages let through evenly can
// arrive bunched. A message therefore holds its place in the window from the
// moment it is let through until its answer came back (`release`), plus the
// window: however slow the network, no window at Telegram holds more.
//
// Written here rather than taken from a library: BullMQ's limiter counts jobs
// of one queue (a new ticket is several messages, and topic creation and
// answers to non-agents are no jobs at all), p-queue's interval is a fixed
// window, and no other limiter is a dependency.
import type { SendLane } from "./send-lane.ts";

export interface GroupBudgetOptions {
  /** Messages allowed in any window. */
  perWindow: number;
  /** The window's length (Telegram: one minute). */
  windowMs?: number;
  /** Messages of each window only the live lane may use (default: a sixth, at least 1). */
  liveReserve?: number;
  /** Minimum time between two messages (default 1000 ms: Telegram's about one a second per chat). */
  minGapMs?: number;
  /** Milliseconds since some epoch; injected in tests. */
  now?: () => number;
  /** Runs `fn` after `ms`; returns a cancel function. Injected in tests. */
  setTimer?: (fn: () => void, ms: number) => () => void;
}

export interface GroupBudget {
  /**
   * Waits until a message of this lane may go, and counts it; call the
   * returned release once Telegram answered (or the call failed).
   */
  acquire(lane: SendLane): Promise<() => void>;
  /** Waiting sends per lane, for metrics and tests. */
  waiting(): Record<SendLane, number>;
}

const defaultTimer = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

export function createGroupBudget(opts: GroupBudgetOptions): GroupBudget {
  const perWindow = opts.perWindow;
  if (!(Number.isInteger(perWindow) && perWindow >= 1)) {
    throw new Error("perWindow must be a whole number above 0");
  }
  const windowMs = opts.windowMs ?? 60_000;
  const reserve = Math.min(
    perWindow - 1,
    opts.liveReserve ?? Math.max(1, Math.floor(perWindow / 6)),
  );
  const minGapMs = opts.minGapMs ?? 1000;
  const now = opts.now ?? (() => performance.now());
  const setTimer = opts.setTimer ?? defaultTimer;
  const capacity: Record<SendLane, number> = { live: perWindow, bulk: perWindow - reserve };
  /** Messages of the current window: answered ones at their answer, in flight ones at now. */
  const granted: { at?: number }[] = [];
  const queues: Record<SendLane, ((release: () => void) => void)[]> = { live: [], bulk: [] };
  let timer: { at: number; cancel: () => void } | undefined;
  let lastGrant: number | undefined;

  /** The earliest time a message of `lane` may go, at or after `t`. */
  function earliest(lane: SendLane, t: number): number {
    for (let i = granted.length - 1; i >= 0; i--) {
      const at = granted[i]?.at;
      if (at !== undefined && at <= t - windowMs) granted.splice(i, 1);
    }
    const times = granted.map((g) => g.at ?? t).sort((a, b) => a - b);
    let at = t;
    const cap = capacity[lane];
    // The window ending at `at` must hold fewer than `cap`: the cap-th newest must have left it.
    if (times.length >= cap) at = Math.max(at, (times[times.length - cap] ?? 0) + windowMs);
    if (lastGrant !== undefined) at = Math.max(at, lastGrant + minGapMs);
    return at;
  }

  function pump() {
    for (;;) {
      const lane: SendLane | undefined =
        queues.live.length > 0 ? "live" : queues.bulk.length > 0 ? "bulk" : undefined;
      if (!lane) return;
      const t = now();
      const at = earliest(lane, t);
      if (at > t) {
        wakeAt(at, t);
        return;
      }
      const entry: { at?: number } = {};
      granted.push(entry);
      lastGrant = t;
      let released = false;
      queues[lane].shift()?.(() => {
        if (released) return;
        released = true;
        entry.at = now();
        pump();
      });
    }
  }

  function wakeAt(at: number, t: number) {
    if (timer && timer.at <= at) return;
    timer?.cancel();
    const entry = {
      at,
      cancel: setTimer(
        () => {
          if (timer === entry) timer = undefined;
          pump();
        },
        Math.max(1, Math.ceil(at - t)),
      ),
    };
    timer = entry;
  }

  return {
    acquire(lane) {
      return new Promise<() => void>((resolve) => {
        queues[lane].push(resolve);
        pump();
      });
    },
    waiting: () => ({ live: queues.live.length, bulk: queues.bulk.length }),
  };
}
