// Shared by the fault tests: a channel that records what it sends, and a
// polling wait. Each fault test runs on a database of its own
// (test/support/database.ts), so other files' outbox relays and sweeps never
// pick up the rows it leaves pending on purpose.
import { randomUUID } from "node:crypto";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { runEntry } from "../support/process.ts";

/** Polls until the probe returns something truthy; throws with `what` after `ms`. */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  ms = 30_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Sent {
  messageId: string;
  externalId: string;
  text: string;
}

/** A channel that records what it sent, with the real adapters' interface. */
export function recordingChannel(channel: "TELEGRAM" | "CONSOLE" = "CONSOLE") {
  const sent: Sent[] = [];
  const adapter: OutboundChannel = {
    channel,
    async send(recipient, body, messageId) {
      sent.push({
        messageId,
        externalId: recipient.externalId,
        text: body.kind === "text" ? body.text : `[${body.fileName}]`,
      });
      return { providerId: randomUUID() };
    },
  };
  return { adapter, sent };
}

/** A console user's text message, as the console channel builds it. */
export function textMessage(externalId: string, text: string, messageId: string = randomUUID()) {
  return {
    channel: "CONSOLE" as const,
    messageId,
    sender: { externalId, displayName: "Uji" },
    at: new Date().toISOString(),
    content: { type: "text" as const, text },
  };
}

/**
 * The entry in one node process with tsx's loader (see runEntry): SIGKILL
 * reaches the app itself, not a CLI that would leave it running as an orphan.
 */
export const runEntryDirect = runEntry;
