// The data rights of UU 27/2022 through the inbound pipeline on the real
// PostgreSQL and Redis: "data saya" shows masked data only, "hapus data saya"
// files a request for a supervisor, the supervisor's decision purges (or
// not), and a blocked sender gets nothing at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideDeletion, finishErasure, setBlocked } from "../../core/app/privacy.ts";
import { findSubject } from "../../core/app/privacy-erasure.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { contactExternalId } from "../../core/infra/stores/contact.store.ts";
import { openTicketApplicant } from "../../core/infra/stores/ticket-applicant.ts";
import { testCipher } from "../support/app.ts";
import { uniqueNik } from "../support/nik.ts";
import { createHarness, type Harness, PHONE } from "./privacy.support.ts";

const NIK = uniqueNik("6171", "0003");

let h: Harness;
const AGENT_ID = "0190a000-0000-7000-8000-0000000000aa";

beforeAll(async () => {
  h = await createHarness("privacy");
});
afterAll(async () => {
  await h.close();
});

const privacyDeps = () => ({
  prisma: h.db.prisma,
  cipher: testCipher,
  queueFor: h.queueFor,
  logger: h.logger,
});

async function requestErasure(label: string) {
  const user = h.user(label);
  await user.say("halo");
  const nik = uniqueNik("6171", "0003");
  const ticket = await user.fileTicket(new Date(), { nik });
  await user.say("hapus data saya");
  await user.say("ya");
  const contactId = await user.contactId();
  const request = await h.db.prisma.deletionRequest.findFirstOrThrow({ where: { contactId } });
  return { user, ticket, contactId, request, nik };
}

describe("data saya", () => {
  it("shows what we hold, masked, and never the full NIK or phone number", async () => {
    const user = h.user("mydata");
    await user.say("halo");
    const { number } = await user.fileTicket(new Date(), { nik: NIK });
    const outcome = await user.say("data saya");
    expect(outcome.type).toBe("handled");
    const answer = (await user.replies()).at(-1) ?? "";
    expect(answer).toContain(number);
    expect(answer).toContain("NIK: 6171••••••••0003");
    expect(answer).toContain("s•••@kapuasraya.co.id");
    expect(answer).toContain("+62812•••••890");
    expect(answer).toContain("KTP");
    expect(answer).toContain("Siti Aminah");
    expect(answer).toContain("90 hari");
    expect(answer).not.toContain(NIK);
    expect(answer).not.toContain(PHONE);
    expect(answer).not.toContain("siti.aminah@");
    const audit = await h.db.prisma.auditLog.findMany({
      where: { contactId: await user.contactId(), action: "data.view.self" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorType).toBe("USER");
  });
});

describe("the same NIK on another contact (nik_hash)", () => {
  it("is counted in 'data saya', never shown, and part of the data subject an erasure takes", async () => {
    const nik = uniqueNik("6171", "0003");
    const telegram = h.user("nik-a");
    const other = h.user("nik-b");
    await telegram.say("halo");
    await other.say("halo");
    await telegram.fileTicket(new Date(), { nik });
    const foreign = await other.fileTicket(new Date(), { nik, name: "Nama Lain" });
    await telegram.say("data saya");
    const view = (await telegram.replies()).at(-1) ?? "";
    expect(view).toContain("NIK Bapak/Ibu juga tercatat pada 1 tiket");
    expect(view).not.toContain(foreign.number);
    expect(view).not.toContain("Nama Lain");
    // A different NIK is not linked.
    const stranger = h.user("nik-c");
    await stranger.say("halo");
    await stranger.fileTicket(new Date(), { nik: uniqueNik("6171", "0003") });
    await stranger.say("data saya");
    expect((await stranger.replies()).at(-1)).not.toContain("juga tercatat");
    const subject = await findSubject(h.db.prisma, await telegram.contactId());
    expect([...subject.contactIds].sort()).toEqual(
      [await telegram.contactId(), await other.contactId()].sort(),
    );
    expect(subject.ticketIds).toHaveLength(2);
  });
});

describe("hapus data saya", () => {
  it("asks first, then files one request for a supervisor and a desk job with ids only", async () => {
    const user = h.user("erase");
    await user.say("halo");
    await user.fileTicket();
    await user.say("hapus data saya");
    expect((await user.replies()).at(-1)).toContain("Lanjutkan permintaan penghapusan?");
    const contactId = await user.contactId();
    expect(await h.db.prisma.deletionRequest.count({ where: { contactId } })).toBe(0);

    await user.say("ya");
    const request = await h.db.prisma.deletionRequest.findFirstOrThrow({ where: { contactId } });
    expect(request.status).toBe("MENUNGGU");
    // The desk's job carries the request id and nothing else.
    const outbox = await h.db.prisma.outboxEvent.findFirstOrThrow({
      where: { queue: QUEUE.desk, payload: { path: ["requestId"], equals: request.id } },
    });
    expect(outbox.status).toBe("PUBLISHED");
    const job = await h.queueFor(QUEUE.desk).getJob(outbox.id);
    expect(job?.data).toEqual({ type: "deletion-requested", requestId: request.id });
    const receipt = (await user.replies()).at(-1) ?? "";
    expect(receipt).toContain("menunggu persetujuan supervisor");
    // The ticket is still open (BARU): the user is warned it cannot be handled afterwards.
    expect(receipt).toContain("tidak dapat ditangani lagi");
    expect(
      await h.db.prisma.auditLog.count({ where: { contactId, action: "deletion.requested" } }),
    ).toBe(1);

    // A second request while the first waits: told so, nothing new filed.
    await user.say("hapus data saya");
    await user.say("ya");
    expect((await user.replies()).at(-1)).toContain("sebelumnya masih menunggu persetujuan");
    expect(await h.db.prisma.deletionRequest.count({ where: { contactId } })).toBe(1);
  });

  it("approved: erases documents, personal fields, complaints and the chat, tells the user", async () => {
    const { user, ticket, contactId, request, nik } = await requestErasure("approve");
    await user.say("menu");
    await user.say("4");
    await user.say("Petugas Budi tidak membalas pesan saya selama dua hari.");
    const before = (await user.replies()).length;
    // What the sender has sent so far (no channel runs here); a PENDING
    // message keeps its body so that it still goes out.
    await h.db.prisma.outboundMessage.updateMany({
      where: { contactId },
      data: { status: "SENT" },
    });

    const decided = await decideDeletion(privacyDeps(), {
      requestId: request.id,
      agentId: AGENT_ID,
      approve: true,
    });
    expect(decided).toMatchObject({
      type: "approved",
      counts: { tickets: 1, documents: 1, complaints: 1, conversations: 1 },
    });

    const row = await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.ticketId } });
    expect(row).toMatchObject({
      applicantNameEnc: null,
      nikEnc: null,
      nikHash: null,
      phoneEnc: null,
      emailEnc: null,
      organisation: null,
      descriptionEnc: null,
      // Statistics stay.
      category: "LUPA_PASSWORD",
      number: ticket.number,
    });
    expect(row.anonymisedAt).not.toBeNull();
    const attachments = await h.db.prisma.attachment.findMany({ where: { contactId } });
    expect(attachments.length).toBeGreaterThan(0);
    for (const a of attachments) {
      expect(a.data).toBeNull();
      expect(a.purgedAt).not.toBeNull();
    }
    const complaint = await h.db.prisma.complaint.findFirstOrThrow({ where: { contactId } });
    expect(complaint.text).toBe("[dihapus]");
    expect(await h.db.prisma.conversation.count({ where: { contactId } })).toBe(0);
    const contact = await h.db.prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(contact.phoneEnc).toBeNull();
    // Earlier messages to the user are erased; the final one is queued, still readable.
    const replies = await user.replies();
    expect(replies).toHaveLength(before + 1);
    expect(replies.slice(0, -1).every((text) => text === "[dihapus]")).toBe(true);
    expect(replies.at(-1)).toContain("Data pribadi Bapak/Ibu telah dihapus");
    // Approved and purged; the address waits for the final notice to go out.
    const approved = await h.db.prisma.deletionRequest.findUniqueOrThrow({
      where: { id: request.id },
    });
    expect(approved).toMatchObject({ status: "DISETUJUI", decidedById: AGENT_ID });
    expect(await finishErasure(privacyDeps(), request.id, new Date())).toBe("waiting");
    await h.db.prisma.outboundMessage.updateMany({
      where: { contactId, status: "PENDING" },
      data: { status: "SENT" },
    });
    expect(await finishErasure(privacyDeps(), request.id, new Date())).toBe("finished");
    const done = await h.db.prisma.deletionRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(done.status).toBe("SELESAI");
    expect(done.completedAt).not.toBeNull();
    // The final notice, sent, is erased too; the address is forgotten.
    const bodies = await h.db.prisma.outboundMessage.findMany({ where: { contactId } });
    expect(bodies).toHaveLength(replies.length);
    expect(bodies.every((m) => m.bodyEnc === null)).toBe(true);
    const forgotten = await h.db.prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(forgotten.externalIdHash).toBe(`erased:${contactId}`);
    expect(contactExternalId(testCipher, forgotten)).toBe("");
    const audit = await h.db.prisma.auditLog.findMany({
      where: { contactId, action: { in: ["purge.contact", "deletion.approved"] } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["deletion.approved", "purge.contact"]);
    expect(JSON.stringify(audit)).not.toContain(nik);

    // Deciding again does nothing.
    const again = await decideDeletion(privacyDeps(), {
      requestId: request.id,
      agentId: AGENT_ID,
      approve: false,
      reason: "salah tekan",
    });
    expect(again).toEqual({ type: "already-decided", requestId: request.id, status: "SELESAI" });

    // The user may write again: a new contact, holding nothing of the old one.
    await user.say("data saya");
    const fresh = await h.db.prisma.contact.findFirstOrThrow({
      where: {
        externalIdHash: testCipher.hash("channel-external-id", `TELEGRAM:${user.externalId}`),
      },
    });
    expect(fresh.id).not.toBe(contactId);
    const view = (await user.replies()).at(-1) ?? "";
    expect(view).not.toContain("Siti Aminah");
    expect(view).not.toContain(ticket.number);
  });

  it("rejected: keeps the data and tells the user the reason", async () => {
    const { user, ticket, contactId, request } = await requestErasure("reject");
    const decided = await decideDeletion(privacyDeps(), {
      requestId: request.id,
      agentId: AGENT_ID,
      approve: false,
      reason: "Tiket masih dalam proses eskalasi LKPP",
    });
    expect(decided).toEqual({ type: "rejected", requestId: request.id });
    const row = await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.ticketId } });
    expect(openTicketApplicant(testCipher, row).name).toBe("Siti Aminah");
    expect(row.nikEnc).not.toBeNull();
    expect(await h.db.prisma.attachment.count({ where: { contactId, data: null } })).toBe(0);
    expect(await h.db.prisma.conversation.count({ where: { contactId } })).toBe(1);
    const stored = await h.db.prisma.deletionRequest.findUniqueOrThrow({
      where: { id: request.id },
    });
    expect(stored).toMatchObject({
      status: "DITOLAK",
      reason: "Tiket masih dalam proses eskalasi LKPP",
    });
    expect((await user.replies()).at(-1)).toContain("Tiket masih dalam proses eskalasi LKPP");
    expect(
      await h.db.prisma.auditLog.count({ where: { contactId, action: "deletion.rejected" } }),
    ).toBe(1);
  });

  it("an unknown request is reported, not thrown", async () => {
    const id = "0190a000-0000-7000-8000-00000000dead";
    expect(
      await decideDeletion(privacyDeps(), { requestId: id, agentId: AGENT_ID, approve: true }),
    ).toEqual({ type: "not-found", requestId: id });
  });
});

describe("blocked senders", () => {
  it("get no reply and cause no job; unblocking restores the conversation", async () => {
    const user = h.user("blocked");
    await user.say("halo");
    const contactId = await user.contactId();
    expect(
      await setBlocked(h.db, { contactId, agentId: AGENT_ID, blocked: true, reason: "spam" }),
    ).toEqual({ type: "changed", blocked: true });
    expect(
      await setBlocked(h.db, { contactId, agentId: AGENT_ID, blocked: true, reason: "spam" }),
    ).toEqual({ type: "unchanged", blocked: true });
    const before = await user.replies();

    for (const text of ["halo", "petugas", "hapus data saya", "data saya"]) {
      expect(await user.say(text)).toEqual({ type: "blocked", contactId });
    }
    expect(await user.replies()).toEqual(before);
    // No reply in the send-log (its jobs carry only the row id), and no job
    // naming the contact (hand-off, alert, desk).
    expect(await h.db.prisma.outboundMessage.count({ where: { contactId } })).toBe(before.length);
    expect(
      await h.db.prisma.outboxEvent.count({
        where: { payload: { path: ["contactId"], equals: contactId } },
      }),
    ).toBe(0);
    expect(await h.db.prisma.deletionRequest.count({ where: { contactId } })).toBe(0);
    expect(
      await h.db.prisma.auditLog.count({ where: { contactId, action: "contact.block" } }),
    ).toBe(1);

    await setBlocked(h.db, { contactId, agentId: AGENT_ID, blocked: false });
    expect((await user.say("menu")).type).toBe("handled");
    expect(
      await h.db.prisma.auditLog.count({ where: { contactId, action: "contact.unblock" } }),
    ).toBe(1);
  });
});
