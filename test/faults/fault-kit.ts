// Shared by the fault tests: a database of their own (so other test files'
// outbox relays and sweeps, which share the run's database, never pick up the
// rows a fault test leaves pending on purpose), a channel that records what it
// sends, and a polling wait.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase } from "../../core/infra/db.ts";
import type { OutboundChannel } from "../../core/ports/channel.port.ts";
import { TEST_DATABASE_URL, withDatabase } from "../support/env.ts";
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

/** A fresh, migrated database next to the run's one; `drop()` in afterAll. */
export async function isolatedDatabase(
  label: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(TEST_DATABASE_URL).pathname.slice(1);
  const name = `${base}_${label}_${randomUUID().slice(0, 8)}`;
  const admin = () =>
    new pg.Client({ connectionString: withDatabase(TEST_DATABASE_URL, "postgres") });
  const create = admin();
  await create.connect();
  await create.query(`CREATE DATABASE "${name}"`);
  await create.end();
  const url = withDatabase(TEST_DATABASE_URL, name);
  const db = await openDatabase({ kind: "postgres", url });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
  return {
    url,
    async drop() {
      const client = admin();
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
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
