// What the channel does when the socket closes, by the action closeAction()
// picks for Baileys' status code: stop for good (401/411 logged out, 403
// banned, 440 replaced), restart at once (515), retry a broken session (500)
// a few times before clearing it, or reconnect with backoff.
import type { Logger } from "../../core/infra/logger.ts";
import type { WhatsappAlert } from "./whatsapp.alerts.ts";
import { backoffDelay, type CloseAction } from "./whatsapp.connection.ts";

export interface CloseTiming {
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Failures in a row before the agents hear that WhatsApp is down. */
  alertAfterFailures: number;
  /** 500 (bad session) closes in a row before the session is cleared. */
  badSessionRetries: number;
}

type Phase = "logged-out" | "replaced" | "banned" | "reconnecting";

export interface CloseHandlerDeps {
  timing: CloseTiming;
  random: () => number;
  logger: Logger;
  failures(): number;
  setState(next: {
    state: "error" | "disconnected";
    phase: Phase;
    detail: string;
    lastError: string;
    failures?: number;
  }): void;
  alert(input: Omit<WhatsappAlert, "at">): void;
  /** No more sockets from now on (until a restart). */
  stopConnecting(): void;
  /** Forgets the stored session (after writes under way), so a restart pairs anew. */
  clearSession(): void;
  connectNow(): void;
  connectIn(ms: number): void;
}

export function createCloseHandler(deps: CloseHandlerDeps) {
  let announcedDown = false;
  let badSessions = 0;

  function reconnect(lastError: string): void {
    const failures = deps.failures() + 1;
    const delay = backoffDelay(
      failures,
      { baseMs: deps.timing.backoffBaseMs, capMs: deps.timing.backoffCapMs },
      deps.random,
    );
    deps.setState({
      state: "disconnected",
      phase: "reconnecting",
      detail: `reconnecting in ${Math.ceil(delay / 1000)} s (attempt ${failures})`,
      lastError,
      failures,
    });
    if (failures >= deps.timing.alertAfterFailures && !announcedDown) {
      announcedDown = true;
      deps.alert({ state: "reconnecting", failures });
    }
    deps.connectIn(delay);
  }

  function stop(phase: Exclude<Phase, "reconnecting">, detail: string, lastError: string): void {
    deps.stopConnecting();
    deps.setState({ state: "error", phase, detail, lastError });
  }

  function loggedOut(lastError: string, detail: string): void {
    stop("logged-out", detail, lastError);
    deps.clearSession();
  }

  return {
    /** The socket is open: the counts start again. */
    opened(): void {
      announcedDown = false;
      badSessions = 0;
    },
    closed(action: CloseAction, lastError: string): void {
      if (action.type !== "bad-session") badSessions = 0;
      switch (action.type) {
        case "logged-out":
          loggedOut(lastError, "logged out by WhatsApp: link the number again and restart the bot");
          deps.alert({ state: "logged-out" });
          return;
        case "banned":
          // Reconnecting a banned or restricted number only deepens the ban.
          stop(
            "banned",
            "WhatsApp refused the number (403: banned or restricted); not reconnecting",
            lastError,
          );
          deps.alert({ state: "banned" });
          return;
        case "bad-session":
          badSessions++;
          if (badSessions <= deps.timing.badSessionRetries) {
            reconnect(lastError);
            return;
          }
          loggedOut(
            lastError,
            `session broken (500) ${badSessions} times in a row; cleared: link the number again and restart the bot`,
          );
          deps.alert({ state: "bad-session", failures: badSessions });
          return;
        case "replaced":
          // The lock stays ours: a standby taking over would be replaced in turn.
          stop("replaced", "another socket took the WhatsApp session; not reconnecting", lastError);
          deps.alert({ state: "replaced" });
          return;
        case "restart":
          deps.logger.info("WhatsApp asked for a restart (after pairing); reconnecting now");
          deps.connectNow();
          return;
        case "reconnect":
          reconnect(lastError);
          return;
      }
    },
  };
}
