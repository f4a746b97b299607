// Paces outgoing messages under Telegram's limits: about one message per
// second to one chat, and a global cap per second (30/s on the Bot API; 25 by
// default for headroom). One process holds the channel, so the state lives in
// memory. A send waits for its slot rather than being dropped.
//
// Each send reserves a slot at once: the earliest time that is at least the
// chat interval after the chat's previous slot and whose global slot (time
// cut into 1000/rate ms steps) is still free. A chat waiting on its own
// interval therefore never holds up other chats.

export interface PacerOptions {
  /** Messages per second over all chats. */
  globalRatePerSecond: number;
  /** Minimum time between two messages to one chat; 0 = no per-chat pacing. */
  chatIntervalMs: number;
  /**
   * Chats with their own interval, e.g. the agents group: Telegram allows
   * about 20 messages a minute into one group.
   */
  chatIntervals?: Readonly<Record<string, number>>;
  /** Up to this much random time on top of a chat's interval (WhatsApp: look less like a bot). */
  chatJitterMs?: number;
  random?: () => number;
  /** Milliseconds since some epoch; injected in tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Pacer {
  /** Reserves the next slot for the chat; returns how long to wait for it (ms). */
  reserve(chatId: string): number;
  /** Reserves a slot and waits for it. */
  acquire(chatId: string): Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPacer(opts: PacerOptions): Pacer {
  if (!(opts.globalRatePerSecond > 0)) throw new Error("globalRatePerSecond must be above 0");
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? defaultSleep;
  const step = 1000 / opts.globalRatePerSecond;
  const random = opts.random ?? Math.random;
  const jitter = () => (opts.chatJitterMs ? random() * opts.chatJitterMs : 0);
  /** Global slot indexes (time / step) taken by reservations not yet past. */
  const taken = new Set<number>();
  /** Per chat: the earliest time its next message may go. */
  const chatNext = new Map<string, number>();

  function prune(t: number) {
    const current = Math.floor(t / step);
    for (const slot of taken) if (slot < current) taken.delete(slot);
    for (const [chat, next] of chatNext) if (next <= t) chatNext.delete(chat);
  }

  function reserve(chatId: string): number {
    const t = now();
    prune(t);
    const earliest = Math.max(t, chatNext.get(chatId) ?? t);
    let slot = Math.ceil(earliest / step - 1e-9);
    while (taken.has(slot)) slot++;
    taken.add(slot);
    const at = Math.max(earliest, slot * step);
    const interval = opts.chatIntervals?.[chatId] ?? opts.chatIntervalMs;
    if (interval > 0) chatNext.set(chatId, at + interval + jitter());
    return Math.max(0, Math.ceil(at - t));
  }

  return {
    reserve,
    async acquire(chatId) {
      const wait = reserve(chatId);
      if (wait > 0) await sleep(wait);
    },
  };
}
