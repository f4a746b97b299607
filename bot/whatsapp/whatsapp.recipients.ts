// Only people who wrote first get WhatsApp messages. The check is in memory
// (loaded when the session lock is taken, grown by every inbound message)
// because the outbound sender calls send() inside its own transaction.
import { UnrecoverableError } from "bullmq";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { contactExternalId } from "../../core/infra/stores/contact.store.ts";
import { isPersonJid } from "./whatsapp.jids.ts";

export function createRecipients(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  logger: Logger;
  reloadMs: number;
  now: () => Date;
}) {
  /** Hash of each JID that wrote to us -> its contact. */
  const senders = new Map<string, string>();
  let loadedAt = 0;
  /** Senders whose message is in the pipeline right now, with how many. */
  const arriving = new Map<string, number>();
  const keyOf = (jid: string) => deps.cipher.hash("whatsapp-sender", jid);

  async function load(): Promise<void> {
    const rows = await deps.prisma.contact.findMany({
      where: { channel: "WHATSAPP" },
      select: { id: true, externalIdEnc: true },
    });
    for (const row of rows) {
      try {
        senders.set(keyOf(contactExternalId(deps.cipher, row)), row.id);
      } catch (err) {
        deps.logger.warn({ err, contactId: row.id }, "WhatsApp contact id unreadable");
      }
    }
    loadedAt = deps.now().getTime();
  }

  return {
    load,
    /** The contact answers to this JID from now on. */
    known(jid: string, contactId: string): void {
      senders.set(keyOf(jid), contactId);
    },
    /**
     * The reply may be sent before the pipeline returns (it publishes at
     * once): until the sender is recorded, a send to them waits.
     */
    async arrival<T>(jid: string, task: () => Promise<T>): Promise<T> {
      const key = keyOf(jid);
      arriving.set(key, (arriving.get(key) ?? 0) + 1);
      try {
        return await task();
      } finally {
        const left = (arriving.get(key) ?? 1) - 1;
        if (left > 0) arriving.set(key, left);
        else arriving.delete(key);
      }
    },
    check(recipient: { contactId: string; externalId: string }): void {
      if (!isPersonJid(recipient.externalId)) {
        throw new UnrecoverableError("not a person's WhatsApp id: the bot never writes to groups");
      }
      const key = keyOf(recipient.externalId);
      const known = senders.get(key);
      if (known === recipient.contactId) return;
      if (known === undefined && arriving.has(key)) {
        throw new Error("WhatsApp recipient's first message is still being handled; retrying");
      }
      if (known === undefined && deps.now().getTime() - loadedAt > deps.reloadMs) {
        // Runs once the sender's transaction is over; the job's retry sees the result.
        void load().catch((err: unknown) => deps.logger.warn({ err }, "Senders not reloaded"));
        throw new Error("WhatsApp recipient not known yet; checking again");
      }
      throw new UnrecoverableError("refused: this WhatsApp user never wrote to the helpdesk");
    },
  };
}

export type Recipients = ReturnType<typeof createRecipients>;
