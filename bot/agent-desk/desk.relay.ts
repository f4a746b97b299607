// The relay job: a user's message posted in its topic. Texts of the same
// contact still waiting are sent together, so a burst costs few of the
// group's ~20 messages a minute; a later job for a row already posted does
// nothing.
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import { sentFileWord } from "./desk.card.ts";
import { citizenHtml } from "./desk.citizen-text.ts";
import type { DeskContext } from "./desk.context.ts";
import { openChatTopic, topicForContact } from "./desk.handoff.ts";

/** What one batched relay message may hold, under Telegram's 4096. */
const RELAY_BATCH_CHARS = 3500;

/**
 * The texts to post together: the waiting ones in order while they fit (the
 * first always), each opened only once it is looked at; this job's own row
 * goes first when it did not fit.
 */
export function relayBatch<R extends { id: string }>(
  waiting: readonly R[],
  own: R,
  open: (row: R) => { id: string; text: string },
): { id: string; text: string }[] {
  const batch: { id: string; text: string }[] = [];
  let length = 0;
  for (const r of waiting) {
    const relayed = open(r);
    if (batch.length > 0 && length + relayed.text.length > RELAY_BATCH_CHARS) break;
    batch.push(relayed);
    length += relayed.text.length;
  }
  if (!batch.some((r) => r.id === own.id)) batch.unshift(open(own));
  return batch;
}

export async function relay(ctx: DeskContext, relayId: string) {
  const { prisma, cipher, topics, guided, now } = ctx;
  const row = await prisma.deskRelay.findUnique({ where: { id: relayId } });
  if (!row) return { skipped: "no relay" };
  if (row.postedAt) return { skipped: "already posted" };
  let topic = await topicForContact(ctx, row.contactId, row.ticketId);
  if (!topic) topic = await openChatTopic(ctx, row.contactId, "pesan pengguna");
  if (row.attachmentId) {
    const file = await readMedia(prisma, cipher, row.attachmentId);
    if (file) {
      const label = DESK_TEXT.userDocument(sentFileWord(file.mime));
      await topics.sendUserFile(topic, file, "kiriman-pengguna", label, { kind: "RELAY" });
    }
    await prisma.deskRelay.update({ where: { id: row.id }, data: { postedAt: now() } });
    await guided.offerResume(row.ticketId);
    return { posted: 1 };
  }
  const waiting = await prisma.deskRelay.findMany({
    where: {
      contactId: row.contactId,
      ticketId: row.ticketId,
      postedAt: null,
      attachmentId: null,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 50,
  });
  // Each body is opened once; the row of this job always goes, even alone.
  const open = (r: (typeof waiting)[number]) => ({
    id: r.id,
    text: cipher
      .openText(Buffer.from(r.bodyEnc), bound("desk_relays.body_enc", r.id))
      .slice(0, RELAY_BATCH_CHARS),
  });
  const batch = relayBatch(waiting, row, open);
  // A citizen's "/agen hapus 1" must not become a command an agent taps.
  const html = [DESK_TEXT.userMessage, ...batch.map((r) => citizenHtml(r.text))].join("\n");
  await topics.posts.record(topic, await topics.say(topic, html), "RELAY");
  await prisma.deskRelay.updateMany({
    where: { id: { in: batch.map((r) => r.id) }, postedAt: null },
    data: { postedAt: now() },
  });
  await guided.offerResume(row.ticketId);
  return { posted: batch.length };
}
