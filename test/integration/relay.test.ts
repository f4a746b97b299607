// What users send for the agents, on the real PostgreSQL and Redis: while an
// agent has the chat, and about an open ticket at rest, each message becomes
// a sealed DeskRelay row and an agent-desk job that carries only its id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE } from "../../core/contracts/queues.ts";
import type { Actor } from "../../core/domain/ticket/ticket.actor.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { jpegFile, pdfFile } from "../fixtures/files.ts";
import { testCipher } from "../support/app.ts";
import {
  createHarness,
  type Harness,
  helpdesk,
  runConversationJobs,
  type TestUser,
} from "./privacy.support.ts";

let h: Harness;
const verifikator: Actor = { type: "AGENT", agentId: "agent-verifikator", role: "VERIFIKATOR" };

beforeAll(async () => {
  h = await createHarness("relay");
});
afterAll(async () => {
  await h.close();
});

async function relaysOf(contactId: string) {
  const rows = await h.db.prisma.deskRelay.findMany({
    where: { contactId },
    orderBy: { createdAt: "asc" },
  });
  const jobs = [];
  for (const row of rows) {
    const outbox = await h.db.prisma.outboxEvent.findFirstOrThrow({
      where: { queue: QUEUE.desk, payload: { path: ["relayId"], equals: row.id } },
    });
    jobs.push((await h.queueFor(QUEUE.desk).getJob(outbox.id))?.data);
  }
  return {
    rows: rows.map((row) => ({
      ...row,
      text: testCipher.openText(Buffer.from(row.bodyEnc), bound("desk_relays.body_enc", row.id)),
    })),
    jobs,
  };
}

async function sendFile(
  user: TestUser,
  bytes: Uint8Array,
  kind: "image" | "document",
  caption?: string,
) {
  const stored = await h.inbound.storeMedia({
    channel: "TELEGRAM",
    sender: { externalId: user.externalId },
    bytes,
  });
  if (!stored.ok) throw new Error(stored.reason);
  await user.send({
    type: "media",
    kind,
    mime: stored.mime,
    size: stored.size,
    mediaId: stored.mediaId,
    ...(caption === undefined ? {} : { caption }),
  });
  return stored.mediaId;
}

/** A user who said hello and has a filed ticket the helpdesk accepted (their chat knows it). */
async function acceptedTicket(user: TestUser) {
  await user.say("halo");
  const filed = await user.fileTicket();
  await h.workflow.routeTicket(filed.ticketId);
  await h.workflow.changeStatus({
    ticketId: filed.ticketId,
    command: { type: "ACCEPT" },
    actor: helpdesk,
  });
  await runConversationJobs(h, filed.ticketId, ["ticket.status"]);
  return filed;
}

/** The caption sealed on a stored file, opened; checks it is not there in the clear. */
async function sealedCaption(mediaId: string, clear: string) {
  const row = await h.db.prisma.attachment.findUniqueOrThrow({ where: { id: mediaId } });
  if (row.captionEnc === null) return null;
  expect(Buffer.from(row.captionEnc).includes(Buffer.from(clear))).toBe(false);
  return testCipher.openText(
    Buffer.from(row.captionEnc),
    bound("attachments.caption_enc", mediaId),
  );
}

describe("relay to the agent desk", () => {
  it("while an agent has the chat: text and files, the first acknowledged", async () => {
    const user = h.user("with-agent");
    await user.say("halo");
    await user.say("petugas");
    const contactId = await user.contactId();
    const before = (await user.replies()).length;

    await user.say("Pak, akun saya terkunci setelah salah password 3 kali.");
    const photo = await sendFile(user, jpegFile(4000), "image");
    await user.say("kembali");

    // One receipt, for the first message; the rest go to the agent in silence.
    const replies = await user.replies();
    expect(replies).toHaveLength(before + 1);
    expect(replies.at(-1)).toContain("Pesan Bapak/Ibu sudah kami teruskan kepada petugas");
    const { rows, jobs } = await relaysOf(contactId);
    expect(rows.map((r) => [r.text, r.attachmentId, r.ticketId])).toEqual([
      ["Pak, akun saya terkunci setelah salah password 3 kali.", null, null],
      ["", photo, null],
      ["kembali", null, null],
    ]);
    // Desk jobs hold the relay id and nothing the user wrote.
    expect(jobs).toEqual(rows.map((r) => ({ type: "relay", relayId: r.id })));
    expect(JSON.stringify(jobs)).not.toContain("terkunci");
    const attachment = await h.db.prisma.attachment.findUniqueOrThrow({ where: { id: photo } });
    expect(attachment.kind).toBe("RELAY");
    expect(attachment.data).not.toBeNull();

    // The desk ends the hand-off the same way the engine's tests do.
    const ended = await h.inbound.deliver(
      { channel: "TELEGRAM", sender: { externalId: user.externalId } },
      { type: "handoffEnded", at: new Date().toISOString() },
      null,
    );
    expect(ended.type).toBe("handled");
    expect((await user.replies()).at(-1)).toContain("Sesi dengan petugas telah selesai");
    await user.say("halo");
    expect((await relaysOf(contactId)).rows).toHaveLength(3);
  });

  it("at rest with an open ticket: relayed to its topic with a receipt; commands still work", async () => {
    const user = h.user("open-ticket");
    const { ticketId, number } = await acceptedTicket(user);
    const contactId = await user.contactId();
    expect((await user.state()).state?.openTicket).toEqual({ number, status: "DITERIMA" });

    await user.say("Apakah sudah ada kabar untuk permohonan saya?");
    expect((await user.replies()).at(-1)).toBe(
      `Pesan Bapak/Ibu sudah kami teruskan ke petugas untuk tiket ${number}. Ketik menu untuk menu utama.`,
    );
    await user.say("menu");
    expect((await user.replies()).at(-1)).toContain("Silakan pilih layanan");
    const { rows, jobs } = await relaysOf(contactId);
    expect(rows.map((r) => [r.text, r.ticketId])).toEqual([
      ["Apakah sudah ada kabar untuk permohonan saya?", ticketId],
    ]);
    expect(jobs).toEqual([{ type: "relay", relayId: rows[0]?.id }]);
  });

  it("while the ticket waits for documents, a file joins the ticket and is acknowledged", async () => {
    const user = h.user("documents");
    await user.say("halo");
    const { ticketId, number } = await user.fileTicket();
    await h.workflow.routeTicket(ticketId);
    for (const [command, actor] of [
      [{ type: "ACCEPT" }, helpdesk],
      [{ type: "FORWARD", team: "VERIFIKATOR" }, helpdesk],
      [{ type: "START_PROCESSING" }, verifikator],
      [{ type: "REQUEST_USER_INFO", reason: "Mohon kirim surat kuasa." }, verifikator],
    ] as const) {
      expect((await h.workflow.changeStatus({ ticketId, command, actor })).ok).toBe(true);
    }
    await runConversationJobs(h, ticketId, ["ticket.status"]);
    const pdf = await sendFile(user, pdfFile(), "document");
    expect((await user.replies()).at(-1)).toContain(`lampirkan pada tiket ${number}`);
    const attachment = await h.db.prisma.attachment.findUniqueOrThrow({ where: { id: pdf } });
    expect(attachment).toMatchObject({ ticketId, kind: "OTHER" });
    const { rows } = await relaysOf(await user.contactId());
    expect(rows.map((r) => [r.attachmentId, r.ticketId])).toEqual([[pdf, ticketId]]);
  });

  it("a captioned photo with an agent: the caption is sealed on the file, not in the job", async () => {
    const user = h.user("caption-agent");
    await user.say("halo");
    await user.say("petugas");
    const before = (await user.replies()).length;
    const caption = "Gagal upload penawaran,\u200b batas jam 14.00 ";
    const photo = await sendFile(user, jpegFile(4000), "image", caption);

    // Acknowledged as the first message to the agent, nothing more.
    expect(await user.replies()).toHaveLength(before + 1);
    // Sanitised like any text: the zero-width space and the trailing blank are gone.
    expect(await sealedCaption(photo, "batas jam")).toBe("Gagal upload penawaran, batas jam 14.00");
    const { rows, jobs } = await relaysOf(await user.contactId());
    expect(rows.map((r) => [r.text, r.attachmentId])).toEqual([["", photo]]);
    expect(JSON.stringify(jobs)).not.toContain("penawaran");
  });

  it("a captioned file at a text question: the caption answers, the file is let go", async () => {
    const user = h.user("caption-menu");
    await user.say("halo");
    const photo = await sendFile(user, jpegFile(4000), "image", "status LDK-2026-99999");
    const replies = await user.replies();
    expect(replies.at(-2)).toContain("file yang Bapak/Ibu kirim tidak kami simpan");
    expect(replies.at(-1)).toContain("LDK-2026-99999");
    // Neither the file nor its sealed caption stays behind.
    expect(await h.db.prisma.attachment.findUnique({ where: { id: photo } })).toBeNull();
  });

  it("a captioned file for an open ticket keeps its caption with the ticket's file", async () => {
    const user = h.user("caption-ticket");
    const { ticketId, number } = await acceptedTicket(user);
    const pdf = await sendFile(user, pdfFile(), "document", "bukti gagal unggah dokumen");
    expect((await user.replies()).at(-1)).toContain(`untuk tiket ${number}`);
    expect(await sealedCaption(pdf, "bukti gagal")).toBe("bukti gagal unggah dokumen");
    const { rows } = await relaysOf(await user.contactId());
    expect(rows.map((r) => [r.attachmentId, r.ticketId])).toEqual([[pdf, ticketId]]);
  });
});
