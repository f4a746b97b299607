// Sends one row of the send-log through the channel that owns it. Runs in the
// process holding the channel connection. A row already SENT is skipped, so a
// redelivered job never messages the user twice; a send the provider accepted
// is recorded in Redis before the row is committed, so losing the commit does
// not mean sending again (see accepted-sends.store.ts).
import { UnrecoverableError } from "bullmq";
import { outboundBodySchema, outboundJobSchema } from "../core/contracts/messages.ts";
import { outboundQueue } from "../core/contracts/queues.ts";
import type { Cipher } from "../core/infra/crypto.ts";
import type { PrismaClient } from "../core/infra/db.ts";
import type { Logger } from "../core/infra/logger.ts";
import type { AcceptedSends } from "../core/infra/stores/accepted-sends.store.ts";
import { contactExternalId } from "../core/infra/stores/contact.store.ts";
import { readMedia } from "../core/infra/stores/media.store.ts";
import type { OutboundChannel, SendableBody } from "../core/ports/channel.port.ts";
import { defineWorker } from "./define-worker.ts";

export function outboundSendWorker(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  channel: OutboundChannel;
  accepted: AcceptedSends;
  logger?: Pick<Logger, "warn">;
}) {
  const warn = (message: string, outboundMessageId: string) =>
    deps.logger?.warn({ outboundMessageId }, message);
  return defineWorker({
    queue: outboundQueue(deps.channel.channel),
    schema: outboundJobSchema,
    // Replies of different chats go out in parallel; pacing per chat is the
    // channel adapter's business (Telegram: ~1 message/s per chat).
    concurrency: 8,
    async handle({ outboundMessageId }, job) {
      const row = await deps.prisma.outboundMessage.findUnique({
        where: { id: outboundMessageId },
        include: { contact: true },
      });
      if (!row)
        throw new UnrecoverableError(`outbound message ${outboundMessageId} does not exist`);
      if (row.channel !== deps.channel.channel) {
        throw new UnrecoverableError(
          `outbound message ${row.id} is for ${row.channel}, not ${deps.channel.channel}`,
        );
      }
      const body = outboundBodySchema.safeParse(
        JSON.parse(deps.cipher.openText(Buffer.from(row.bodyEnc))),
      );
      if (!body.success) throw new UnrecoverableError(`outbound message ${row.id} has a bad body`);
      let sendable: SendableBody;
      if (body.data.kind === "document") {
        const file = await readMedia(deps.prisma, deps.cipher, body.data.attachmentId);
        if (!file) {
          throw new UnrecoverableError(
            `outbound message ${row.id}: attachment ${body.data.attachmentId} is gone`,
          );
        }
        sendable = {
          kind: "document",
          fileName: body.data.fileName,
          mime: file.mime,
          bytes: file.bytes,
          ...(body.data.caption ? { caption: body.data.caption } : {}),
        };
      } else {
        sendable = body.data;
      }
      const recipient = {
        contactId: row.contactId,
        externalId: contactExternalId(deps.cipher, row.contact),
      };
      try {
        // The row lock makes two deliveries of the same row (a redelivered job,
        // a replayed outbox row) take turns: the second sees SENT and skips. A
        // send the provider accepted is in Redis before the commit, so a lost
        // commit is finished on the retry without sending again. What is left:
        // a crash between the provider's answer and that Redis write, or an
        // answer lost on the wire; the retry then sends again (WhatsApp under
        // the same message id, Telegram as a second message).
        const outcome = await deps.prisma.$transaction(
          async (tx) => {
            const [locked] = await tx.$queryRaw<{ status: string }[]>`
              SELECT status::text AS status FROM outbound_messages WHERE id = ${row.id}::uuid FOR UPDATE`;
            if (locked?.status === "SENT") return { skipped: "already sent" as const };
            const earlier = await deps.accepted.get(row.id);
            const providerId = earlier
              ? earlier.providerId
              : ((await deps.channel.send(recipient, sendable, row.id)).providerId ?? null);
            if (!earlier && !(await deps.accepted.record(row.id, providerId ?? undefined))) {
              warn("acceptance not recorded in Redis; the commit is the only record", row.id);
            }
            await tx.outboundMessage.update({
              where: { id: row.id },
              data: { status: "SENT", sentAt: new Date(), providerId, attempts: { increment: 1 } },
            });
            return earlier
              ? { recovered: "accepted before a lost commit" as const }
              : { sent: true as const, attempt: job.attemptsMade + 1 };
          },
          // Telegram may hold a send for its retry_after; the lock must outlast it.
          { timeout: 120_000, maxWait: 30_000 },
        );
        if (!("skipped" in outcome)) {
          await deps.accepted
            .forget(row.id)
            .catch(() => warn("acceptance not forgotten; it expires in a week", row.id));
        }
        return outcome;
      } catch (err) {
        await deps.prisma.outboundMessage.update({
          where: { id: row.id },
          data: {
            attempts: { increment: 1 },
            lastError: err instanceof Error ? err.message : String(err),
          },
        });
        throw err;
      }
    },
  });
}
