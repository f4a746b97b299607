// What to do when the WhatsApp socket closes, by the code Baileys reports.
// Pure, so every code can be checked without a socket.
import { DisconnectReason } from "@whiskeysockets/baileys";

export type CloseAction =
  /**
   * WhatsApp unlinked this device (401), or says it no longer matches the
   * account's devices (411): the stored session is useless, a human must link again.
   */
  | { type: "logged-out" }
  /** 403: the number is banned or restricted; reconnecting only makes it worse. */
  | { type: "banned" }
  /** 500: the stored session is broken; a few tries, then it is cleared (whatsapp.close-codes.ts). */
  | { type: "bad-session" }
  /** Another socket opened the session: fighting back would only ping-pong the number. */
  | { type: "replaced" }
  /** After pairing, WhatsApp asks for a new connection at once. */
  | { type: "restart" }
  | { type: "reconnect" };

export function closeAction(statusCode: number | undefined): CloseAction {
  switch (statusCode) {
    case DisconnectReason.loggedOut:
    case DisconnectReason.multideviceMismatch:
      return { type: "logged-out" };
    case DisconnectReason.forbidden:
      return { type: "banned" };
    case DisconnectReason.badSession:
      return { type: "bad-session" };
    case DisconnectReason.connectionReplaced:
      return { type: "replaced" };
    case DisconnectReason.restartRequired:
      return { type: "restart" };
    default:
      return { type: "reconnect" };
  }
}

/** The HTTP-like status Baileys puts on a close (a Boom's output.statusCode). */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const boom = error as { output?: { statusCode?: unknown }; statusCode?: unknown };
  const code = boom.output?.statusCode ?? boom.statusCode;
  return typeof code === "number" ? code : undefined;
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half
 * random, so a crowd of restarts spreads out while the wait still grows.
 * `attempt` counts from 1.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions, random = Math.random): number {
  const step = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(step / 2 + random() * (step / 2));
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = statusCodeOf(error);
    return (code === undefined ? error.message : `${code} ${error.message}`).slice(0, 300);
  }
  return error === undefined ? "closed" : String(error).slice(0, 300);
}
