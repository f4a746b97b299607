// The office calendar as it is now, in each process: the files' calendar with
// the console's changes (calendar_days, calendar_weekdays) laid over it. The
// value is cached; it is re-read when a Redis message on `channel` says the
// console changed it (every process subscribes), and every `refreshMs` as a
// fallback for a missed message. A failed or invalid read keeps the last good
// calendar (at start: the files' one). Deadlines already computed keep their
// stored due time; computations after a change use the new calendar.
import type { BusinessCalendar } from "../domain/sla/business-calendar.schema.ts";
import {
  applyCalendarOverrides,
  type CalendarOverrides,
  type CalendarSource,
  NO_OVERRIDES,
} from "../domain/sla/calendar-overrides.ts";
import type { Logger } from "./logger.ts";
import type { RedisClient } from "./redis.ts";

export interface CalendarProvider extends CalendarSource {
  /** The files' calendar, without the console's changes. */
  readonly base: BusinessCalendar;
  /** The console's changes the current calendar was built with. */
  overrides(): CalendarOverrides;
  /** Re-reads the changes now; false when the read failed or was invalid (nothing changed). */
  refresh(): Promise<boolean>;
  /** After a change was written: re-read here and tell the other processes. */
  changed(): Promise<void>;
  close(): Promise<void>;
}

/** The Redis channel the change message goes on, per QUEUE_PREFIX. */
export const calendarChannel = (prefix: string) => `${prefix}:calendar:changed`;

export interface CalendarProviderOptions {
  base: BusinessCalendar;
  load: () => Promise<CalendarOverrides>;
  logger: Logger;
  refreshMs: number;
  /** Publishes the change message (the process's producer connection). */
  publisher?: RedisClient;
  /** A connection of its own for SUBSCRIBE; closed with the provider. */
  subscriber?: RedisClient;
  channel: string;
}

const SUBSCRIBE_WAIT_MS = 5_000;

export async function startCalendarProvider(
  opts: CalendarProviderOptions,
): Promise<CalendarProvider> {
  let calendar = opts.base;
  let overrides = NO_OVERRIDES;
  let latest = 0;
  const refresh = async (): Promise<boolean> => {
    const attempt = ++latest;
    try {
      const read = await opts.load();
      const merged = applyCalendarOverrides(opts.base, read);
      if (!merged.ok) {
        opts.logger.error({ issues: merged.error.issues }, "Console calendar changes are invalid");
        return false;
      }
      // A later read may have finished first: the latest one wins.
      if (attempt !== latest) return true;
      overrides = read;
      // Same calendar, same object: compiled calendars and deciders stay cached.
      if (JSON.stringify(merged.value) !== JSON.stringify(calendar)) calendar = merged.value;
      return true;
    } catch (err) {
      opts.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        "Could not read the console calendar changes; keeping the last good calendar",
      );
      return false;
    }
  };
  await refresh();
  const timer = setInterval(() => void refresh(), opts.refreshMs);
  timer.unref();
  const { subscriber } = opts;
  if (subscriber) {
    subscriber.on("message", (channel: string) => {
      if (channel === opts.channel) void refresh();
    });
    // Start-up does not wait on Redis for long: the periodic re-read covers a late subscription.
    const subscribed = subscriber.subscribe(opts.channel).catch((err: unknown) => {
      opts.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        "Could not subscribe to calendar changes; relying on the periodic re-read",
      );
    });
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([
      subscribed,
      new Promise<void>((resolve) => {
        waited = setTimeout(resolve, SUBSCRIBE_WAIT_MS);
      }),
    ]);
    clearTimeout(waited);
  }
  return {
    base: opts.base,
    current: () => calendar,
    overrides: () => overrides,
    refresh,
    async changed() {
      await refresh();
      await opts.publisher?.publish(opts.channel, String(Date.now())).catch((err: unknown) => {
        opts.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          "Could not announce the calendar change; other processes catch up on their next refresh",
        );
      });
    },
    async close() {
      clearInterval(timer);
      await subscriber?.quit().catch(() => subscriber.disconnect());
    },
  };
}
