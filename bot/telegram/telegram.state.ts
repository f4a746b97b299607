// The Telegram channel's state as the health server shows it, logged once
// per change, and its metrics (helpdesk_channel_up, the send-error counter).
import { Counter, Gauge, type Registry } from "prom-client";
import type { ChannelState } from "../../core/infra/health-server.ts";
import type { Logger } from "../../core/infra/logger.ts";

export type TelegramChannelState = Omit<ChannelState, "state"> & {
  state: "connected" | "starting" | "disconnected" | "error";
};

export function createTelegramState(log: Logger) {
  let current: TelegramChannelState = { state: "starting", detail: "not started" };
  // Not registered until registerMetrics(): the runtime's registry comes later.
  const upGauge = new Gauge({
    name: "helpdesk_channel_up",
    help: "1 while the channel is connected, 0 otherwise",
    labelNames: ["channel"],
    registers: [],
    collect() {
      this.set({ channel: "telegram" }, current.state === "connected" ? 1 : 0);
    },
  });
  const sendErrors = new Counter({
    name: "helpdesk_channel_send_errors_total",
    help: "Messages the channel failed to send (after 429 retries), by error code",
    labelNames: ["channel", "code"],
    registers: [],
  });

  return {
    current: (): TelegramChannelState => current,
    set(next: TelegramChannelState): void {
      if (next.state !== current.state) {
        const expected = next.state !== "error" && next.state !== "disconnected";
        const level = expected || next.detail === "stopped" ? "info" : "warn";
        log[level](
          { state: next.state, detail: next.detail, lastError: next.lastError },
          "Telegram",
        );
      }
      current = next;
    },
    /** A send that failed, by Telegram's error code ("network" without one). */
    sendFailed(code: string): void {
      sendErrors.inc({ channel: "telegram", code });
    },
    registerMetrics(registry: Registry): void {
      registry.registerMetric(upGauge);
      registry.registerMetric(sendErrors);
    },
  };
}

export type TelegramState = ReturnType<typeof createTelegramState>;
