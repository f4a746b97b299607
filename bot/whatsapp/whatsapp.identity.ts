// Who wrote, as one stable contact per person. WhatsApp may name a person by
// a hidden LID (`…@lid`) before it tells the number (remoteJidAlt on a later
// message, a `lid-mapping.update`, Baileys' own store). The contact is known
// by the number once it is known; a contact first made under the LID is
// re-keyed to the number (or folded into the number's contact) in the same
// transaction that saves the mapping, so the draft and tickets stay.
import type { Sender } from "../../core/contracts/messages.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { linkContactIdentity } from "../../core/infra/stores/contact-merge.store.ts";
import { lidJidOf, phoneJidOf, phoneOf } from "./whatsapp.jids.ts";
import type { MessageOrigin } from "./whatsapp.mapper.ts";
import type { WhatsappSocket } from "./whatsapp.socket.ts";
import { findPhoneForLid, saveLidMapping } from "./whatsapp.store.ts";

export interface IdentityDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  sessionId: string;
  logger: Logger;
  /** Runs `task` with the chats of both JIDs held (the channel's per-chat order). */
  holdChats<T>(jids: string[], task: () => Promise<T>): Promise<T>;
  /** The contact now answers to this phone JID (for the channel's recipient check). */
  onLinked(phoneJid: string, contactId: string): void;
}

const LINK_ATTEMPTS = 3;

export function createWhatsappIdentity(deps: IdentityDeps) {
  const store = { prisma: deps.prisma, cipher: deps.cipher, sessionId: deps.sessionId };

  /** Saves lid -> number and makes the LID's contact the number's, in one transaction. */
  async function link(lidJid: string, phoneJid: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await deps.prisma.$transaction(async (tx) => {
          await saveLidMapping(store, lidJid, phoneJid, tx);
          return linkContactIdentity(tx, deps.cipher, "WHATSAPP", lidJid, {
            externalId: phoneJid,
            phone: phoneOf(phoneJid),
          });
        });
        if (outcome.type !== "none") {
          deps.onLinked(phoneJid, outcome.contactId);
          deps.logger.info({ outcome: outcome.type }, "WhatsApp LID linked to its number");
        }
        return;
      } catch (err) {
        // A first message under the number raced the re-key: the next try merges.
        if (attempt >= LINK_ATTEMPTS) throw err;
      }
    }
  }

  /** A mapping we have not stored yet (or a changed one) is linked; a known one costs one read. */
  async function ensureLinked(lidJid: string, phoneJid: string): Promise<void> {
    if ((await findPhoneForLid(store, lidJid)) === phoneJid) return;
    await link(lidJid, phoneJid);
  }

  return {
    /**
     * The sender of a message, by number when at all possible. Runs inside
     * the chat's turn, so it links without taking the chat again.
     */
    async senderOf(sock: WhatsappSocket, origin: MessageOrigin): Promise<Sender> {
      let phoneJid = origin.phoneJid;
      const lidJid = origin.lidJid;
      if (lidJid && phoneJid) {
        await ensureLinked(lidJid, phoneJid).catch((err: unknown) =>
          deps.logger.warn({ err }, "LID mapping not saved"),
        );
      } else if (lidJid) {
        phoneJid = await findPhoneForLid(store, lidJid);
        if (!phoneJid) {
          phoneJid = phoneJidOf(await sock.pnForLid(lidJid).catch(() => null));
          if (phoneJid) await link(lidJid, phoneJid).catch(() => {});
        }
      }
      if (!phoneJid) deps.logger.warn("WhatsApp sender known only by a LID; answering the LID");
      return {
        externalId: phoneJid ?? lidJid ?? "",
        ...(origin.displayName ? { displayName: origin.displayName } : {}),
        ...(phoneJid ? { phone: phoneOf(phoneJid) } : {}),
      };
    },
    /**
     * The sender as known right now, without linking or asking WhatsApp: for
     * work that runs outside the chat's turn (fetching a file). senderOf, in
     * the turn, links; a file stored under the LID's contact moves with it.
     */
    async peekSender(origin: MessageOrigin): Promise<Sender> {
      const phoneJid =
        origin.phoneJid ?? (origin.lidJid ? await findPhoneForLid(store, origin.lidJid) : null);
      return {
        externalId: phoneJid ?? origin.lidJid ?? "",
        ...(origin.displayName ? { displayName: origin.displayName } : {}),
        ...(phoneJid ? { phone: phoneOf(phoneJid) } : {}),
      };
    },
    /** `lid-mapping.update`: links in the order of both chats, after what is being handled. */
    async learn(lid: string, pn: string): Promise<void> {
      const lidJid = lidJidOf(lid);
      const phoneJid = phoneJidOf(pn);
      if (!lidJid || !phoneJid) return;
      await deps.holdChats([lidJid, phoneJid], () => link(lidJid, phoneJid));
    },
  };
}

export type WhatsappIdentity = ReturnType<typeof createWhatsappIdentity>;
