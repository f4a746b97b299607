// Sends one row of the send-log through the channel that owns it. Runs in the
// process holding the channel connection. A row already SENT is skipped, so a
// redelivered job never messages the user twice; a send the provider accepted
// is recorded in Redis before the row is marked SENT, so losing the mark does
// not mean sending again (see accepted-sends.store.ts).
import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import { outboundBodySchema, outboundJobSchema } from "../core/contracts/messages.ts";
import { outboundQueue } from "../core/contracts/queues.ts";
import type { Cipher } from "../core/infra/crypto.ts";
import type { PrismaClient } from "../core/infra/db.ts";
import { scrubJobError } from "../core/infra/error-scrub.ts";
import { defineWorker } from "../core/infra/jobs/define-worker.ts";
import type { Logger } from "../core/infra/logger.ts";
import { bound } from "../core/infra/sealed-columns.ts";
import type { AcceptedSends } from "../core/infra/stores/accepted-sends.store.ts";
import { contactExternalId } from "../core/infra/stores/contact.store.ts";
import { readMedia } from "../core/infra/stores/media.store.ts";
import {
  leaseSendRow,
  markSent,
  releaseSendRow,
} from "../core/infra/stores/outbound-send.store.ts";
import type { Tx } from "../core/infra/stores/tx.ts";
import type { OutboundChannel, SendableBody } from "../core/ports/channel.port.ts";

/** This failure ends the job (BullMQ counts the attempt after the processor returns). */
function isLastAttempt(job: Job, err: unknown): boolean {
  return err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** How long a message waits before looking again whether the one before it is out. */
export const ORDER_WAIT_MS = 300;

export function outboundSendWorker(deps: {
  prisma: PrismaClient;
  cipher: Cipher;
  channel: OutboundChannel;
  accepted: AcceptedSends;
  logger?: Pick<Logger, "warn">;
  orderWaitMs?: number;
}) {
  const orderWaitMs = deps.orderWaitMs ?? ORDER_WAIT_MS;

  /**
   * Whether one of these earlier rows may still go out later. A row the
   * provider already accepted (its commit lost in a crash, its job not yet
   * re-run) is out: waiting for its stalled job would only delay the chat.
   */
  async function anyNotOut(earlier: readonly string[]): Promise<boolean> {
    for (const id of earlier) {
      if (!(await deps.accepted.get(id))) return true;
    }
    return false;
  }
  const warn = (message: string, outboundMessageId: string) =>
    deps.logger?.warn({ outboundMessageId }, message);

  /** The row's body as the channel sends it; a document's file is read and opened. */
  async function sendableBody(
    tx: Tx,
    id: string,
    bodyEnc: Uint8Array | null,
  ): Promise<SendableBody> {
    // Bodies are erased only once sent; one erased before would be a bug.
    if (bodyEnc === null) throw new UnrecoverableError(`outbound message ${id} has no body`);
    const body = outboundBodySchema.safeParse(
      JSON.parse(
        deps.cipher.openText(Buffer.from(bodyEnc), bound("outbound_messages.body_enc", id)),
      ),
    );
    if (!body.success) throw new UnrecoverableError(`outbound message ${id} has a bad body`);
    if (body.data.kind !== "document") return body.data;
    const file = await readMedia(tx, deps.cipher, body.data.attachmentId);
    if (!file) {
      throw new UnrecoverableError(
        `outbound message ${id}: attachment ${body.data.attachmentId} is gone`,
      );
    }
    return {
      kind: "document",
      fileName: body.data.fileName,
      mime: file.mime,
      bytes: file.bytes,
      ...(body.data.caption ? { caption: body.data.caption } : {}),
    };
  }
  /**
   * One delivery of a row, in two statements on the normal path. The lease
   * makes two deliveries of the same row (a redelivered job, a replayed
   * outbox row) take turns: the second waits, then sees SENT and skips. A
   * send the provider accepted is in Redis before the row is marked, so a
   * lost mark is finished on the retry without sending again. What is left:
   * a crash between the provider's answer and that Redis write, or an answer
   * lost on the wire; the retry then sends again (WhatsApp under the same
   * message id, Telegram as a second message).
   */
  async function sendOnce(id: string, holder: string, attempt: number) {
    const row = await leaseSendRow(deps.prisma, id, holder, new Date());
    if (!row) throw new UnrecoverableError(`outbound message ${id} does not exist`);
    if (!row.leased) {
      if (row.status === "SENT") return { skipped: "already sent" as const };
      // Another delivery of this row is sending it: look again shortly.
      return { waiting: true as const };
    }
    if (await anyNotOut(row.earlier)) {
      await releaseSendRow(deps.prisma, id, holder);
      return { waiting: true as const };
    }
    if (row.channel !== deps.channel.channel) {
      throw new UnrecoverableError(
        `outbound message ${id} is for ${row.channel}, not ${deps.channel.channel}`,
      );
    }
    const earlier = await deps.accepted.get(id);
    let providerId: string | null;
    if (earlier) {
      providerId = earlier.providerId;
    } else {
      const recipient = {
        contactId: row.contactId,
        externalId: contactExternalId(deps.cipher, {
          id: row.contactId,
          externalIdEnc: row.externalIdEnc,
        }),
      };
      const sendable = await sendableBody(deps.prisma, id, row.bodyEnc);
      providerId = (await deps.channel.send(recipient, sendable, id)).providerId ?? null;
      if (!(await deps.accepted.record(id, providerId ?? undefined))) {
        warn("acceptance not recorded in Redis; the mark is the only record", id);
      }
    }
    await markSent(deps.prisma, id, providerId, new Date());
    return earlier
      ? { recovered: "accepted before a lost commit" as const }
      : { sent: true as const, attempt };
  }
  return defineWorker({
    queue: outboundQueue(deps.channel.channel),
    schema: outboundJobSchema,
    // Replies of different chats go out in parallel; pacing per chat is the
    // channel adapter's business (Telegram: ~1 message/s per chat). Replies of
    // one chat go out in the order they were written (the send-log's seq): a
    // message whose predecessor is not out yet (being sent, or waiting for a
    // retry after a failure) steps back without using up an attempt. Only a
    // predecessor given up on (FAILED) lets it pass.
    concurrency: 8,
    async handle({ outboundMessageId }, job, token) {
      const id = outboundMessageId;
      const holder = job.id ?? token ?? "unknown";
      try {
        const outcome = await sendOnce(id, holder, job.attemptsMade + 1);
        if ("waiting" in outcome) {
          // Not an attempt: back to the delayed set, the earlier message goes first.
          await job.moveToDelayed(Date.now() + orderWaitMs, token);
          throw new DelayedError();
        }
        if (!("skipped" in outcome)) {
          await deps.accepted
            .forget(id)
            .catch(() => warn("acceptance not forgotten; it expires in a week", id));
        }
        return outcome;
      } catch (err) {
        if (err instanceof DelayedError) throw err;
        scrubJobError(err);
        // updateMany: a row that does not exist must not hide the real error.
        // Given up on: FAILED, so the contact's later messages are not held back.
        await deps.prisma.outboundMessage.updateMany({
          where: { id, status: { not: "SENT" } },
          data: {
            attempts: { increment: 1 },
            lastError: err instanceof Error ? err.message : String(err),
            // No retry follows: FAILED, so erasure and retention know it will never go out.
            ...(isLastAttempt(job, err) ? { status: "FAILED" as const } : {}),
          },
        });
        await releaseSendRow(deps.prisma, id, holder);
        throw err;
      }
    },
  });
}
