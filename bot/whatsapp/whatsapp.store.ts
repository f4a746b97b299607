// What the WhatsApp channel keeps besides the auth state, all sealed: the
// messages it sent (WhatsApp asks for one again when a recipient's device
// could not decrypt it) and which phone number stands behind a LID.
import { proto } from "@whiskeysockets/baileys";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { bound, LID_HASH_PURPOSE } from "../../core/infra/sealed-columns.ts";
import type { Tx } from "../../core/infra/stores/tx.ts";

export interface WhatsappStoreDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  sessionId: string;
}

const LID_PURPOSE = LID_HASH_PURPOSE;

export async function saveSentMessage(
  deps: WhatsappStoreDeps,
  messageId: string,
  message: proto.IMessage,
): Promise<void> {
  const messageEnc = deps.cipher.seal(
    Buffer.from(proto.Message.encode(message).finish()),
    bound("whatsapp_sent_messages.message_enc", deps.sessionId, messageId),
  );
  await deps.prisma.whatsappSentMessage.upsert({
    where: { sessionId_messageId: { sessionId: deps.sessionId, messageId } },
    create: { sessionId: deps.sessionId, messageId, messageEnc },
    update: { messageEnc },
  });
}

export async function loadSentMessage(
  deps: WhatsappStoreDeps,
  messageId: string,
): Promise<proto.IMessage | undefined> {
  const row = await deps.prisma.whatsappSentMessage.findUnique({
    where: { sessionId_messageId: { sessionId: deps.sessionId, messageId } },
  });
  if (!row) return undefined;
  return proto.Message.decode(
    deps.cipher.open(
      Buffer.from(row.messageEnc),
      bound("whatsapp_sent_messages.message_enc", deps.sessionId, messageId),
    ),
  );
}

/** Retries come within minutes; a week covers a phone that was off for days. */
export async function pruneSentMessages(
  deps: Pick<WhatsappStoreDeps, "prisma">,
  olderThan: Date,
): Promise<number> {
  const { count } = await deps.prisma.whatsappSentMessage.deleteMany({
    where: { createdAt: { lt: olderThan } },
  });
  return count;
}

/** `tx`: inside the caller's transaction (the contact link that goes with it). */
export async function saveLidMapping(
  deps: WhatsappStoreDeps,
  lidJid: string,
  phoneJid: string,
  tx: Tx = deps.prisma,
): Promise<void> {
  const lidHash = deps.cipher.hash(LID_PURPOSE, lidJid);
  const pnEnc = deps.cipher.seal(
    phoneJid,
    bound("whatsapp_lid_mappings.pn_enc", deps.sessionId, lidHash),
  );
  await tx.whatsappLidMapping.upsert({
    where: { sessionId_lidHash: { sessionId: deps.sessionId, lidHash } },
    create: { sessionId: deps.sessionId, lidHash, pnEnc },
    update: { pnEnc },
  });
}

export async function findPhoneForLid(
  deps: WhatsappStoreDeps,
  lidJid: string,
): Promise<string | null> {
  const lidHash = deps.cipher.hash(LID_PURPOSE, lidJid);
  const row = await deps.prisma.whatsappLidMapping.findUnique({
    where: { sessionId_lidHash: { sessionId: deps.sessionId, lidHash } },
  });
  return row
    ? deps.cipher.openText(
        Buffer.from(row.pnEnc),
        bound("whatsapp_lid_mappings.pn_enc", deps.sessionId, lidHash),
      )
    : null;
}
