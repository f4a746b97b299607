/**
 * At most `limit` tasks at once; the rest wait their turn in arrival order,
 * without a deadline. The inbound pipeline runs behind one, so a burst queues
 * here, in memory and in order, instead of in the database pool, where a
 * transaction that waits too long for a connection fails and its message with it.
 * The image sanitizer bounds its native re-encodes with one (memory).
 */
export function createGate(limit: number) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`gate limit must be ≥ 1 (${limit})`);
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) active++;
      // A finishing task hands its slot straight to the next in line.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
    /** Tasks running now. */
    get active() {
      return active;
    },
    /** Tasks waiting for a slot. */
    get waiting() {
      return waiting.length;
    },
  };
}
