// The WhatsApp channel's state: its phase as the health server and
// /admin/whatsapp show it, logged once per change and told to listeners
// (the outbound sender pauses while down), and its metrics.
import { Counter, Gauge, type Registry } from "prom-client";
import type { ChannelState } from "../../core/infra/health-server.ts";
import type { Logger } from "../../core/infra/logger.ts";

export type WhatsappPhase =
  | "standby"
  | "connecting"
  | "pairing"
  | "open"
  | "reconnecting"
  | "logged-out"
  | "replaced"
  | "banned"
  | "stopped";

export type WhatsappChannelState = ChannelState & { phase: WhatsappPhase; failures: number };

/** A new state; without `failures` the count so far stays. */
export type WhatsappStateUpdate = Omit<WhatsappChannelState, "failures"> & { failures?: number };

export function createWhatsappState(log: Logger) {
  let current: WhatsappChannelState = {
    state: "starting",
    detail: "not started",
    phase: "standby",
    failures: 0,
  };
  const listeners = new Set<(state: WhatsappChannelState) => void>();

  const upGauge = new Gauge({
    name: "helpdesk_whatsapp_up",
    help: "1 while the WhatsApp socket is open, 0 otherwise",
    registers: [],
    collect() {
      this.set(current.phase === "open" ? 1 : 0);
    },
  });
  const phaseGauge = new Gauge({
    name: "helpdesk_whatsapp_state",
    help: "1 for the WhatsApp channel's current phase",
    labelNames: ["phase"],
    registers: [],
    collect() {
      this.reset();
      this.set({ phase: current.phase }, 1);
    },
  });
  const closes = new Counter({
    name: "helpdesk_whatsapp_disconnects_total",
    help: "WhatsApp socket closes, by Baileys' status code",
    labelNames: ["code"],
    registers: [],
  });
  const sendErrors = new Counter({
    name: "helpdesk_whatsapp_send_errors_total",
    help: "WhatsApp messages that failed to send, by reason",
    labelNames: ["reason"],
    registers: [],
  });

  return {
    current: (): WhatsappChannelState => current,
    set(next: WhatsappStateUpdate): void {
      const full: WhatsappChannelState = { ...next, failures: next.failures ?? current.failures };
      if (full.phase !== current.phase || full.detail !== current.detail) {
        const quiet = ["open", "connecting", "standby", "stopped", "pairing"].includes(full.phase);
        log[quiet ? "info" : "warn"](
          {
            phase: full.phase,
            detail: full.detail,
            lastError: full.lastError,
            failures: full.failures,
          },
          "WhatsApp",
        );
      }
      current = full;
      for (const listener of listeners) listener(full);
    },
    /** Called on every state change; returns the unsubscribe. */
    onState(listener: (state: WhatsappChannelState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A socket close, by Baileys' status code ("none" without one). */
    closed(code: number | undefined): void {
      closes.inc({ code: code === undefined ? "none" : String(code) });
    },
    sendFailed(reason: "not-connected" | "send-failed"): void {
      sendErrors.inc({ reason });
    },
    registerMetrics(registry: Registry): void {
      registry.registerMetric(upGauge);
      registry.registerMetric(phaseGauge);
      registry.registerMetric(closes);
      registry.registerMetric(sendErrors);
    },
  };
}

export type WhatsappState = ReturnType<typeof createWhatsappState>;
