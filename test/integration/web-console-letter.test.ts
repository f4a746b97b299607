// The "Surat Keterangan Gangguan LPSE" from the console's ticket page, on real
// PostgreSQL and Redis: the preview is the core's unnumbered PDF and issues
// nothing; issuing numbers the letter, stores it with the ticket, queues it
// to the citizen as from the desk and audits it with via "console"; an
// incomplete form or a form without its CSRF token changes nothing.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/infra/logger.ts";
import { openOutbound } from "../support/app.ts";
import { wibDate, wibDayAt } from "../support/clock.ts";
import { signedIn } from "../support/console-session.ts";
import { webConsoleFixture } from "../support/web-console.ts";
import { ticketPage, ticketStep, ticketWithTimeline } from "../support/web-ticket.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-letter", logger);
const TEXTS = { citizen: "Server mati, Pak.", reply: "Baik.", note: "Gangguan SPSE." };

// The disruption happened yesterday (WIB), whatever day the test runs on.
const START = wibDayAt(-1, "09:00");
const END = wibDayAt(-1, "13:30");
const DAY = wibDate(START);
const FORM = {
  kode: "10012345",
  mulai: `${DAY}T09:00`,
  selesai: `${DAY}T13:30`,
  pihak: "Seluruh peserta tender paket tersebut",
};

describe("the disruption letter on the ticket page", () => {
  it("previews the letter without a number, then issues it to the citizen as the desk does", async () => {
    const t = await ticketWithTimeline(f.db, f.web.workflow, f.now(), TEXTS);
    const b = await signedIn(f, "VERIFIKATOR");
    const shown = (await b.get(ticketPage(t.number))).body;
    expect(shown).toContain("Surat Keterangan Gangguan LPSE");
    expect(shown).toContain(`formaction="${ticketPage(t.number)}/surat/pratinjau"`);

    const preview = await ticketStep(b, t.number, "surat/pratinjau", FORM);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers["content-type"]).toBe("application/pdf");
    expect(preview.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await f.db.prisma.disruptionLetter.count({ where: { ticketId: t.ticketId } })).toBe(0);

    const issued = await ticketStep(b, t.number, "surat/terbitkan", FORM);
    expect(issued.statusCode).toBe(303);
    expect(issued.headers.location).toBe(`${ticketPage(t.number)}?pesan=surat`);
    expect((await b.get(String(issued.headers.location))).body).toContain(
      "Surat Keterangan Gangguan LPSE diterbitkan dan dikirim kepada pengguna.",
    );
    const agent = await f.db.prisma.agent.findFirstOrThrow({ where: { role: "VERIFIKATOR" } });
    const letter = await f.db.prisma.disruptionLetter.findFirstOrThrow({
      where: { ticketId: t.ticketId },
    });
    expect(letter).toMatchObject({
      tenderCode: "10012345",
      issuedById: agent.id,
      // 09.00 and 13.30 WIB.
      disruptionStart: START,
      disruptionEnd: END,
    });
    // Sent to the citizen as a document, as from the desk.
    const sent = await f.db.prisma.outboundMessage.findFirstOrThrow({
      where: { contactId: t.contactId },
      orderBy: { seq: "desc" },
    });
    expect(openOutbound(sent)).toMatchObject({
      kind: "document",
      attachmentId: letter.attachmentId,
      caption: expect.stringContaining(letter.number),
    });
    const audit = await f.db.prisma.auditLog.findFirstOrThrow({
      where: { ticketId: t.ticketId, action: "letter.issue" },
    });
    expect(audit).toMatchObject({ actorId: agent.id });
    expect(audit.detail).toMatchObject({ number: letter.number, via: "console" });
  });

  it("refuses an incomplete form or one without its CSRF token, in Bahasa Indonesia", async () => {
    const t = await ticketWithTimeline(f.db, f.web.workflow, f.now(), TEXTS);
    const b = await signedIn(f, "HELPDESK");
    const backwards = await ticketStep(b, t.number, "surat/terbitkan", {
      ...FORM,
      selesai: `${DAY}T08:00`,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain("Mohon lengkapi data surat");
    const empty = await ticketStep(b, t.number, "surat/pratinjau", { ...FORM, kode: " " });
    expect(empty.statusCode).toBe(400);
    await b.csrf(ticketPage(t.number));
    const bare = await b.post(`${ticketPage(t.number)}/surat/terbitkan`, FORM);
    expect(bare.statusCode).toBe(403);
    expect(await f.db.prisma.disruptionLetter.count({ where: { ticketId: t.ticketId } })).toBe(0);
  });
});
