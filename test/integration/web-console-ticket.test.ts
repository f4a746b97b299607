// The ticket's own page of the web console and its steps, on real PostgreSQL
// and Redis: each role reads the card and the timeline in order, a KTP opens
// only for the agent handling the ticket or a supervisor (audited), and the
// steps go through the desk's workflow: the status moves, the citizen's
// notification and the desk's job are queued as from the desk, refusals come
// back in Bahasa Indonesia.
import { describe, expect, it } from "vitest";
import { outboundQueue, QUEUE } from "../../core/contracts/queues.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { messagesTo } from "../support/app.ts";
import { signedIn } from "../support/console-session.ts";
import { webConsoleFixture } from "../support/web-console.ts";
import {
  KTP_BYTES,
  ticketAudits,
  ticketPage,
  ticketStep,
  ticketWithTimeline,
} from "../support/web-ticket.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-ticket", logger);
const TEXTS = {
  citizen: "Sudah saya kirim ulang aktanya, Pak.",
  reply: "Baik Bapak/Ibu, kami periksa dahulu.",
  note: "Akta lama masih tercatat di SIKaP.",
};

const filed = () => ticketWithTimeline(f.db, f.web.workflow, f.now(), TEXTS);
const statusOf = async (id: string) =>
  (await f.db.prisma.ticket.findUniqueOrThrow({ where: { id } })).status;

describe("the ticket page", () => {
  it("shows every role the card, masked as the desk's, and the timeline in time order with the note marked", async () => {
    const t = await filed();
    for (const role of ["HELPDESK", "VERIFIKATOR", "ADMIN", "ANALIS", "SUPERVISOR"]) {
      const res = await (await signedIn(f, role)).get(ticketPage(t.number.toLowerCase()));
      expect(res.statusCode, role).toBe(200);
      expect(res.body).toContain(`Tiket ${t.number}`);
      expect(res.body).toContain("Siti Aminah");
      expect(res.body).toContain("+62812*****890");
      expect(res.body).not.toContain("+6281234567890");
      expect(res.body).not.toMatch(/\d{16}/u);
      const timeline = res.body.slice(res.body.indexOf('<ol class="lini-masa">'));
      const order = [
        "Perubahan status",
        "Catatan internal",
        TEXTS.note,
        "hampir habis",
        TEXTS.reply,
        TEXTS.citizen,
      ].map((s) => timeline.indexOf(s));
      expect(
        order.every((i) => i >= 0),
        `${role}: ${order}`,
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(timeline).toMatch(/<li class="catatan"[^>]*>.*<strong>Catatan internal<\/strong>/u);
    }
    expect((await ticketAudits(f.db, "history.view", t.ticketId)).length).toBe(5);
  });

  it("answers an unknown ticket with a 404 page in Bahasa Indonesia", async () => {
    const res = await (await signedIn(f, "ADMIN")).get(ticketPage("LDK-1999-99999"));
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Tiket tidak ditemukan");
  });

  it("opens the KTP only for the agent handling the ticket or a supervisor, auditing every opening", async () => {
    const t = await filed();
    const ktp = `${ticketPage(t.number)}/lampiran/${t.ktpId}`;
    const helpdesk = await signedIn(f, "HELPDESK");
    const refused = await helpdesk.get(ktp);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Foto KTP hanya dapat dibuka");
    expect((await (await signedIn(f, "ANALIS")).get(ktp)).statusCode).toBe(403);
    expect(
      (await ticketAudits(f.db, "ktp.view.refused", t.ticketId)).length,
    ).toBeGreaterThanOrEqual(1);

    const supervisor = await signedIn(f, "SUPERVISOR");
    const opened = await supervisor.get(ktp);
    expect(opened.statusCode).toBe(200);
    expect(opened.rawPayload.equals(KTP_BYTES)).toBe(true);
    // Once the helpdesk agent takes the ticket, it opens for them too.
    expect((await ticketStep(helpdesk, t.number, "ambil")).statusCode).toBe(303);
    expect((await helpdesk.get(ktp)).statusCode).toBe(200);
    const views = await ticketAudits(f.db, "ktp.view", t.ticketId);
    expect(views).toHaveLength(2);
    for (const v of views) {
      expect(v.detail).toEqual({ attachmentId: t.ktpId, via: "console" });
      expect(v.actorType).toBe("AGENT");
    }
    // Another file of the ticket opens for any agent, audited.
    const shot = await (await signedIn(f, "ADMIN")).get(
      `${ticketPage(t.number)}/lampiran/${t.screenshotId}`,
    );
    expect(shot.statusCode).toBe(200);
    expect((await ticketAudits(f.db, "attachment.view", t.ticketId)).length).toBe(1);
    expect(
      (await supervisor.get(`${ticketPage(t.number)}/lampiran/${t.contactId}`)).statusCode,
    ).toBe(404);
  });
});

describe("the ticket's steps", () => {
  it("claims then resolves through the desk's workflow: status, the citizen's notification, the desk's job, the audit", async () => {
    const t = await filed();
    const b = await signedIn(f, "HELPDESK");
    const claimed = await ticketStep(b, t.number, "ambil");
    expect(claimed.statusCode).toBe(303);
    expect(claimed.headers.location).toBe(`${ticketPage(t.number)}?pesan=ambil`);
    expect((await b.get(String(claimed.headers.location))).body).toContain(
      "Tiket berhasil diambil.",
    );
    const agent = await f.db.prisma.agent.findFirstOrThrow({ where: { role: "HELPDESK" } });
    const row = await f.db.prisma.ticket.findUniqueOrThrow({ where: { id: t.ticketId } });
    expect(row).toMatchObject({ status: "DITERIMA", assigneeId: agent.id });

    const before = (await messagesTo(f.db, t.contactId)).length;
    const resolved = await ticketStep(b, t.number, "selesai", {
      keterangan: "Akta sudah diperbarui.",
    });
    expect(resolved.statusCode).toBe(303);
    expect(await statusOf(t.ticketId)).toBe("SELESAI");
    const texts = await messagesTo(f.db, t.contactId);
    expect(texts.length).toBe(before + 1);
    expect(texts.at(-1)).toContain("Akta sudah diperbarui.");
    // The send job went to the citizen's channel queue, as from the desk.
    const sent = await f.db.prisma.outboundMessage.findFirstOrThrow({
      where: { contactId: t.contactId },
      orderBy: { seq: "desc" },
    });
    const send = await f.db.prisma.outboxEvent.findFirstOrThrow({
      where: {
        queue: outboundQueue("TELEGRAM"),
        payload: { equals: { outboundMessageId: sent.id } },
      },
    });
    expect(send.status).toBe("PUBLISHED");
    const job = await f.web.queueFor(outboundQueue("TELEGRAM")).getJob(send.id);
    expect(job?.data).toEqual({ outboundMessageId: sent.id });
    // The Telegram topic is told by the desk's own ticket-changed job.
    const event = await f.db.prisma.ticketEvent.findFirstOrThrow({
      where: { ticketId: t.ticketId, toStatus: "SELESAI" },
    });
    expect(event).toMatchObject({ actorType: "AGENT", actorId: agent.id });
    const desk = await f.db.prisma.outboxEvent.findFirstOrThrow({
      where: {
        queue: QUEUE.desk,
        name: "ticket.changed",
        payload: { path: ["eventId"], equals: event.id },
      },
    });
    expect((await f.web.queueFor(QUEUE.desk).getJob(desk.id))?.data).toMatchObject({
      type: "ticket-changed",
      eventId: event.id,
    });
    expect((await ticketAudits(f.db, "ticket.claim", t.ticketId)).map((a) => a.actorId)).toEqual([
      agent.id,
    ]);
    const resolve = await ticketAudits(f.db, "ticket.resolve", t.ticketId);
    expect(resolve.map((a) => a.detail)).toEqual([{ ok: true, via: "console" }]);
  });

  it("forwards, processes and asks for documents with the roles the desk uses", async () => {
    const t = await filed();
    const helpdesk = await signedIn(f, "HELPDESK");
    await ticketStep(helpdesk, t.number, "ambil");
    const forwarded = await ticketStep(helpdesk, t.number, "teruskan", {
      tim: "ADMIN",
      keterangan: "cek",
    });
    expect(forwarded.statusCode).toBe(303);
    expect(await f.db.prisma.ticket.findUniqueOrThrow({ where: { id: t.ticketId } })).toMatchObject(
      {
        status: "DITERUSKAN",
        team: "ADMIN",
      },
    );
    const bad = await ticketStep(helpdesk, t.number, "teruskan", { tim: "ENTAH" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Tim tidak dikenal");
    // Processing is the team's step: the front desk is refused, ADMIN may.
    const refused = await ticketStep(helpdesk, t.number, "proses");
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("tidak berwenang");
    expect(await statusOf(t.ticketId)).toBe("DITERUSKAN");
    expect(
      (await ticketAudits(f.db, "ticket.start_processing", t.ticketId)).map((a) => a.detail),
    ).toEqual([{ ok: false, via: "console", refused: "FORBIDDEN_ACTOR" }]);
    const admin = await signedIn(f, "ADMIN");
    expect((await ticketStep(admin, t.number, "proses")).statusCode).toBe(303);
    const noReason = await ticketStep(admin, t.number, "minta", { keterangan: "  " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("Alasan wajib diisi");
    expect(
      (await ticketStep(admin, t.number, "minta", { keterangan: "Foto akta hal. 1-3" })).statusCode,
    ).toBe(303);
    expect(await statusOf(t.ticketId)).toBe("MENUNGGU_PENGGUNA");
    expect((await messagesTo(f.db, t.contactId)).at(-1)).toContain("Foto akta hal. 1-3");
  });

  it("refuses a step without the form's CSRF token", async () => {
    const t = await filed();
    const b = await signedIn(f, "SUPERVISOR");
    await b.csrf(ticketPage(t.number));
    const res = await b.post(`${ticketPage(t.number)}/tolak`, { keterangan: "ganda" });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Formulir kedaluwarsa");
    expect(await statusOf(t.ticketId)).toBe("BARU");
  });

  it("reopens a resolved ticket; a closed one cannot be reopened, said in Bahasa Indonesia", async () => {
    const t = await filed();
    const b = await signedIn(f, "HELPDESK");
    await ticketStep(b, t.number, "ambil");
    await ticketStep(b, t.number, "selesai", { keterangan: "Sudah." });
    const reopened = await ticketStep(b, t.number, "buka", { keterangan: "Masalah muncul lagi." });
    expect(reopened.statusCode).toBe(303);
    expect((await b.get(String(reopened.headers.location))).body).toContain(
      "Tiket dibuka kembali.",
    );
    expect(await statusOf(t.ticketId)).toBe("DIPROSES");
    const supervisor = await signedIn(f, "SUPERVISOR");
    await ticketStep(supervisor, t.number, "selesai", { keterangan: "Sudah diperbaiki lagi." });
    expect((await ticketStep(supervisor, t.number, "tutup")).statusCode).toBe(303);
    expect(await statusOf(t.ticketId)).toBe("DITUTUP");
    const again = await ticketStep(supervisor, t.number, "buka", { keterangan: "Sekali lagi." });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Tidak dapat membuka kembali tiket: tiket berstatus");
    expect(again.body).not.toContain("Perintah yang dapat dipakai");
    expect(await statusOf(t.ticketId)).toBe("DITUTUP");
    // Rejecting needs a reason, and then ends the ticket.
    const other = await filed();
    expect(
      (await ticketStep(supervisor, other.number, "tolak", { keterangan: "" })).statusCode,
    ).toBe(400);
    expect(
      (await ticketStep(supervisor, other.number, "tolak", { keterangan: "Ganda." })).statusCode,
    ).toBe(303);
    expect(await statusOf(other.ticketId)).toBe("DITOLAK");
  });
});
