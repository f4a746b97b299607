// Gauges that cost a query are recomputed at most once per period: a scraper
// (or anyone looping on /metrics) gets the last values in between, and
// scrapes that arrive together share one refresh.

/** Wraps `refresh` so it runs at most once per `ttlMs` (0: on every call). */
export function cachedRefresh(
  ttlMs: number,
  refresh: () => Promise<void>,
  now: () => number = () => performance.now(),
): () => Promise<void> {
  let last = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | undefined;
  return () => {
    if (running) return running;
    if (ttlMs > 0 && now() - last < ttlMs) return Promise.resolve();
    running = refresh().finally(() => {
      // A failed refresh also waits out the period: a Redis or database that
      // is down must not be hammered by every scrape.
      last = now();
      running = undefined;
    });
    return running;
  };
}
