// A short notice to a user outside the conversation (too fast, too busy):
// through the send-log and the outbox like any reply, in the contact's
// language, never to a blocked contact.
import type { Logger } from "pino";
import type { Localized } from "../content/language.ts";
import type { InboundMessage } from "../contracts/messages.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { PrismaClient } from "../infra/db.ts";
import { resolveContact } from "../infra/stores/contact.store.ts";
import { queueUserMessage } from "../infra/stores/outbound.store.ts";
import { publishOutbox, type QueueFor } from "../infra/stores/outbox.store.ts";

export interface NoticeDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  queueFor: QueueFor;
  logger: Logger;
}

/** Queues `text` to the sender; returns the send-log id (none for a blocked contact). */
export async function queueNotice(
  deps: NoticeDeps,
  to: Pick<InboundMessage, "channel" | "sender">,
  text: Localized,
): Promise<string[]> {
  const queued = await deps.prisma.$transaction(async (tx) => {
    const contact = await resolveContact(tx, deps.cipher, to.channel, to.sender);
    if (contact.blocked) return null;
    const body = { kind: "text" as const, text: contact.language === "EN" ? text.en : text.id };
    return queueUserMessage(tx, deps.cipher, contact, body);
  });
  if (!queued) return [];
  // Fast path; the outbox relay publishes it if this fails.
  await publishOutbox(deps.prisma, deps.queueFor, { ids: [queued.outboxId] }).catch((err) =>
    deps.logger.warn({ err }, "Fast publish of a notice failed; the outbox relay will retry"),
  );
  return [queued.messageId];
}
