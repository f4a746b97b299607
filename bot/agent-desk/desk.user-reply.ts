// What an agent sends the user from a topic: words (typed, or a template) and
// files, signed, queued in the same transaction as the update's claim and the
// audit row, then published at once (the outbox relay retries otherwise).
import { agentSignature, DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import type { Agent, DeskTopic } from "../../core/infra/db.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { storeMedia } from "../../core/infra/stores/media.store.ts";
import { queueUserMessage } from "../../core/infra/stores/outbound.store.ts";
import { publishOutbox } from "../../core/infra/stores/outbox.store.ts";
import type { Tx } from "../../core/infra/stores/tx.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import type { DeskContext } from "./desk.context.ts";

type Ctx = Pick<DeskContext, "deps" | "prisma" | "cipher" | "log" | "topics">;
/** What replying needs: the console gives it too (bot/web/ticket-messages.ts). */
type ReplyCtx = Pick<DeskContext, "prisma" | "cipher"> & {
  deps: Pick<DeskContext["deps"], "signature" | "queueFor">;
  log: Pick<DeskContext["log"], "warn">;
};

/** Where a reply came from, for the audit trail; the console's also tells the topic. */
export interface ReplyOrigin {
  via: "console";
  /** Adds the outbox row that posts the reply in the topic, in the reply's transaction. */
  announce: (tx: Tx, outboundMessageId: string) => Promise<string>;
}

async function publish(ctx: ReplyCtx, ids: string[]) {
  await publishOutbox(ctx.prisma, ctx.deps.queueFor, { ids }).catch((err: unknown) =>
    ctx.log.warn({ err }, "Fast publish failed; the outbox relay will retry"),
  );
}

/**
 * The update's claim in processed_messages, taken in the transaction that
 * queues the user's message: a replay of that update (the polling inbox after
 * a crash, a webhook redelivery) then finds it and sends nothing.
 */
async function claimUpdate(tx: Tx, claim: string | undefined) {
  if (claim) await tx.processedMessage.create({ data: { channel: "TELEGRAM", messageId: claim } });
}

/** Sends an agent's words to the user on their own channel, signed. */
export async function replyToUser(
  ctx: ReplyCtx,
  agent: Pick<Agent, "id" | "name">,
  topic: Pick<DeskTopic, "ticketId" | "contactId">,
  text: string,
  action = "reply.send",
  claim?: string,
  origin?: ReplyOrigin,
) {
  const { prisma, cipher } = ctx;
  const contact = await prisma.contact.findUnique({ where: { id: topic.contactId } });
  if (!contact) return false;
  const language = contact.language === "EN" ? "en" : "id";
  const signed = `${text}\n\n${agentSignature(ctx.deps.signature, agent.name, language)}`;
  const ids = await prisma.$transaction(async (tx) => {
    await claimUpdate(tx, claim);
    const queued = await queueUserMessage(tx, cipher, contact, { kind: "text", text: signed });
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: agent.id },
      action,
      ticketId: topic.ticketId,
      contactId: contact.id,
      detail: {
        outboundMessageId: queued.messageId,
        length: text.length,
        ...(origin ? { via: origin.via } : {}),
      },
    });
    return [queued.outboxId, ...(origin ? [await origin.announce(tx, queued.messageId)] : [])];
  });
  await publish(ctx, ids);
  return true;
}

/**
 * A photo or document an agent posts in a topic goes to the user as a
 * document, stored encrypted with the ticket like any other file, with the
 * agent's caption (signed) when there is one.
 */
export async function relayFileToUser(
  ctx: Ctx,
  agent: Agent,
  topic: DeskTopic,
  file: { fileId: string; fileName: string },
  caption: string,
  claim?: string,
) {
  const { prisma, cipher, deps, topics } = ctx;
  const contact = await prisma.contact.findUnique({ where: { id: topic.contactId } });
  const bytes = deps.downloadFile ? await deps.downloadFile(file.fileId) : null;
  if (!contact || !bytes) {
    await topics.say(topic, escapeHtml(DESK_TEXT.fileNotRelayed));
    return;
  }
  const stored = await storeMedia(prisma, cipher, {
    contactId: contact.id,
    bytes,
    maxBytes: deps.maxFileBytes ?? 10 * 1024 * 1024,
  });
  if (!stored.ok) {
    await topics.say(topic, escapeHtml(DESK_TEXT.fileNotRelayed));
    return;
  }
  const language = contact.language === "EN" ? "en" : "id";
  const signature = agentSignature(deps.signature, agent.name, language);
  const ids = await prisma.$transaction(async (tx) => {
    await claimUpdate(tx, claim);
    await tx.attachment.update({
      where: { id: stored.mediaId },
      data: { ticketId: topic.ticketId },
    });
    const queued = await queueUserMessage(tx, cipher, contact, {
      kind: "document",
      attachmentId: stored.mediaId,
      fileName: file.fileName.slice(0, 200),
      caption: (caption ? `${caption}\n\n${signature}` : signature).slice(0, 1000),
    });
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: agent.id },
      action: "file.send",
      ticketId: topic.ticketId,
      contactId: contact.id,
      detail: { attachmentId: stored.mediaId, outboundMessageId: queued.messageId },
    });
    return [queued.outboxId];
  });
  await publish(ctx, ids);
}
