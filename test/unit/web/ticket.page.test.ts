// The ticket page puts what citizens and agents typed in escaped: a name, a
// problem, a message or a note with markup shows as text, never as markup.
import { describe, expect, it } from "vitest";
import type { TicketView } from "../../../bot/web/ticket.data.ts";
import { ticketPage } from "../../../bot/web/ticket.page.ts";

const HOSTILE = `<script>alert("x")</script>`;
const at = new Date(Date.now() - 3_600_000);

function view(): TicketView {
  return {
    card: {
      id: "t1",
      number: "LDK-2026-00001",
      category: "LUPA_PASSWORD",
      status: "DITERIMA",
      priority: "NORMAL",
      team: "HELPDESK",
      channel: "WHATSAPP",
      language: "ID",
      applicantName: HOSTILE,
      nik: "6171010101900001",
      phone: "+6281234567890",
      role: null,
      organisation: `<img src=x onerror=alert(1)>`,
      email: null,
      tenderCode: null,
      bidDeadline: null,
      actingForOther: false,
      description: HOSTILE,
      lkppTicketNumber: null,
      slaStage: "HELPDESK",
      slaDueAt: at,
      slaPausedAt: null,
      createdAt: at,
      assigneeName: HOSTILE,
      documents: [],
    },
    assigneeId: null,
    contactId: "c1",
    intake: "WALK_IN",
    files: [],
    timeline: [
      { kind: "citizen", at, text: HOSTILE, attachmentId: null },
      { kind: "note", at, who: HOSTILE, text: HOSTILE },
    ],
  };
}

describe("ticketPage", () => {
  it("escapes a name, a problem, a message and a note with markup in them", () => {
    const html = ticketPage({ id: "a1", name: HOSTILE, role: "HELPDESK", csrf: "tok" }, view());
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
    expect(html).toContain("Catatan internal");
    // Masked as on the desk's card.
    expect(html).not.toContain("6171010101900001");
    expect(html).not.toContain("+6281234567890");
  });

  it("offers only the steps the ticket's status allows", () => {
    const html = ticketPage({ id: "a1", name: "A", role: "HELPDESK", csrf: "tok" }, view());
    for (const step of ["ambil", "teruskan", "minta", "selesai", "tolak"]) {
      expect(html).toContain(`/konsol/tiket/LDK-2026-00001/${step}"`);
    }
    for (const step of ["tutup", "buka", "proses"]) {
      expect(html).not.toContain(`/konsol/tiket/LDK-2026-00001/${step}"`);
    }
  });
});
