// A ticket's life on the console's ticket page, in headless Chromium against
// the whole bot with its agent desk (test/support/browser.ts): each role
// signs in, finds the ticket, and takes the steps through the page's forms;
// a step refused to a role shows the refusal in Bahasa Indonesia; the citizen
// is told each step through the local fake Bot API, and the ticket's topic in
// the agents group gets each step posted, a claim without a status change and
// a letter issued on the page too.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentRole } from "../../core/domain/ticket/ticket.enums.ts";
import { type ConsoleHarness, startConsoleHarness } from "../support/browser.ts";
import { wibDate, wibDayAt } from "../support/clock.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness("console-ticket-browser", { desk: true });
}, 180_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

const ticketAt = (i: number) => {
  const t = h.tickets[i];
  if (!t) throw new Error("no ticket was seeded");
  return t;
};

/** Signs `role` in, finds the ticket with the list's form, and opens its page from the row. */
async function openTicket(role: AgentRole, number: string): Promise<Page> {
  const page = await h.newPage();
  await h.signIn(page, h.account(role));
  const row = await h.findTicket(page, number);
  await Promise.all([
    page.waitForURL(new RegExp(`/konsol/tiket/${number}$`, "u")),
    row.getByRole("link", { name: number }).click(),
  ]);
  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
    `Tiket ${number}`,
  );
  return page;
}

/** Fills the step's form (its fields by label) and submits it; returns the answer's status. */
async function step(page: Page, button: string, fields: Record<string, string> = {}) {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: button }) });
  for (const [label, value] of Object.entries(fields)) {
    const field = form.getByLabel(label);
    if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
    else await field.fill(value);
  }
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    form.getByRole("button", { name: button }).click(),
  ]);
  await page.waitForLoadState("load");
  return answer.status();
}

const statusText = async (page: Page) =>
  page
    .locator("dt", { hasText: /^Status$/u })
    .locator("xpath=following-sibling::dd[1]")
    .textContent();

describe("a ticket's steps in the browser", { timeout: 120_000 }, () => {
  it("takes a ticket from claim to closing; the citizen and the topic are told each step", async () => {
    const { number, citizen } = ticketAt(0);
    const helpdesk = await openTicket("HELPDESK", number);
    expect(await step(helpdesk, "Ambil tiket")).toBe(303);
    await expect(helpdesk.getByRole("status").textContent()).resolves.toBe(
      "Tiket berhasil diambil.",
    );
    await expect(statusText(helpdesk)).resolves.toBe("Diterima");
    await h.waitForMessageTo(citizen, `Pembaruan tiket ${number}: Diterima`);
    await h.waitForTopicText(number, "Baru → Diterima");

    // A verifier may not forward a ticket the desk has just accepted.
    const verifier = await openTicket("VERIFIKATOR", number);
    expect(await step(verifier, "Teruskan", { "Tim tujuan": "VERIFIKATOR" })).toBe(403);
    await expect(verifier.getByRole("alert").textContent()).resolves.toBe(
      "Petugas Verifikator tidak berwenang meneruskan tiket ke tim saat tiket berstatus Diterima. Yang berwenang: petugas Helpdesk, petugas Supervisor.",
    );
    await expect(statusText(verifier)).resolves.toBe("Diterima");

    expect(
      await step(helpdesk, "Teruskan", {
        "Tim tujuan": "VERIFIKATOR",
        "Catatan untuk tim (opsional)": "Mohon dicek di SIKaP.",
      }),
    ).toBe(303);
    await expect(helpdesk.getByRole("status").textContent()).resolves.toBe(
      "Tiket berhasil diteruskan.",
    );
    await h.waitForMessageTo(citizen, `Pembaruan tiket ${number}: Diteruskan`);
    await h.waitForTopicText(number, "Diterima → Diteruskan");

    await verifier.reload();
    expect(await step(verifier, "Proses")).toBe(303);
    await h.waitForMessageTo(citizen, `Pembaruan tiket ${number}: Sedang diproses`);
    expect(
      await step(verifier, "Minta dokumen", {
        "Dokumen atau keterangan yang diminta": "Mohon kirim akta perubahan terbaru.",
      }),
    ).toBe(303);
    await expect(verifier.getByRole("status").textContent()).resolves.toBe(
      "Permintaan dokumen telah dikirim kepada pengguna.",
    );
    const asked = await h.waitForMessageTo(
      citizen,
      `Pembaruan tiket ${number}: Menunggu tanggapan Bapak/Ibu`,
    );
    expect(asked.text).toContain("Yang kami perlukan: Mohon kirim akta perubahan terbaru.");
    await h.waitForTopicText(number, "Sedang diproses → Menunggu tanggapan Bapak/Ibu");

    // The answer came by e-mail: recorded on the page, the ticket goes on, then to LKPP and back.
    expect(await step(verifier, "Lanjutkan")).toBe(303);
    await expect(statusText(verifier)).resolves.toBe("Sedang diproses");
    expect(
      await step(verifier, "Eskalasi ke LKPP", {
        "Nomor tiket LKPP": "LKPP-2026-777",
        "Catatan eskalasi (opsional)": "Galat server SPSE.",
      }),
    ).toBe(303);
    await expect(verifier.getByRole("status").textContent()).resolves.toBe(
      "Tiket dieskalasi ke LKPP.",
    );
    const escalated = await h.waitForMessageTo(
      citizen,
      `Pembaruan tiket ${number}: Ditangani IT LKPP`,
    );
    expect(escalated.text).toContain("LKPP-2026-777");
    await h.waitForTopicText(number, "Sedang diproses → Ditangani IT LKPP");
    expect(
      await step(verifier, "Lanjutkan", {
        "Tanggapan yang diterima (opsional)": "Sudah diperbaiki LKPP.",
      }),
    ).toBe(303);
    await expect(statusText(verifier)).resolves.toBe("Sedang diproses");

    expect(
      await step(verifier, "Selesai", {
        "Penyelesaian (dikirim ke pengguna)": "Data SIKaP sudah diperbarui.",
      }),
    ).toBe(303);
    await expect(verifier.getByRole("status").textContent()).resolves.toBe(
      "Tiket dinyatakan selesai.",
    );
    const resolved = await h.waitForMessageTo(citizen, `Pembaruan tiket ${number}: Selesai`);
    expect(resolved.text).toContain("Penyelesaian: Data SIKaP sudah diperbarui.");
    await h.waitForTopicText(number, "Sedang diproses → Selesai");

    await helpdesk.reload();
    expect(await step(helpdesk, "Tutup")).toBe(303);
    await expect(helpdesk.getByRole("status").textContent()).resolves.toBe("Tiket ditutup.");
    await h.waitForMessageTo(citizen, `Pembaruan tiket ${number}: Ditutup`);
    await h.waitForTopicText(number, "Selesai → Ditutup");
    for (const page of [helpdesk, verifier]) await page.context().close();
  });

  it("posts a claim without a status change in the topic, and refuses a taken ticket", async () => {
    const { number, citizen } = ticketAt(1);
    // The ticket's topic is open (its card posted) before anyone claims it.
    await h.waitForTopicText(number, number, 60_000);
    const verifier = await openTicket("VERIFIKATOR", number);
    expect(await step(verifier, "Ambil tiket")).toBe(303);
    await expect(verifier.getByRole("status").textContent()).resolves.toBe(
      "Tiket berhasil diambil, tetapi belum diterima: tiket baru hanya dapat diterima oleh petugas Helpdesk atau supervisor.",
    );
    await expect(statusText(verifier)).resolves.toBe("Baru");
    await h.waitForTopicText(number, "🙋 Tiket diambil oleh Petugas Verifikator (verifikator).");
    // Nothing is sent to the citizen for a claim alone.
    expect(h.messagesTo(citizen).some((m) => m.text.includes(`Pembaruan tiket ${number}`))).toBe(
      false,
    );

    const helpdesk = await openTicket("HELPDESK", number);
    expect(await step(helpdesk, "Ambil tiket")).toBe(409);
    await expect(helpdesk.getByRole("alert").textContent()).resolves.toBe(
      "Tiket ini sudah diambil oleh Petugas Verifikator (verifikator).",
    );
    for (const page of [helpdesk, verifier]) await page.context().close();
  });

  it("issues the disruption letter from the page; the citizen receives it as a document", async () => {
    const { number, citizen } = ticketAt(2);
    const supervisor = await openTicket("SUPERVISOR", number);
    await supervisor.getByLabel("Kode tender/paket").fill("10012345");
    // Yesterday (WIB), whatever day the test runs on.
    const day = wibDate(wibDayAt(-1, "09:00"));
    await supervisor.getByLabel("Mulai gangguan (WIB)").fill(`${day}T09:00`);
    await supervisor.getByLabel("Selesai gangguan (WIB)").fill(`${day}T13:30`);
    await supervisor.getByLabel("Pihak terdampak").fill("Seluruh peserta tender paket tersebut");
    expect(await step(supervisor, "Terbitkan surat")).toBe(303);
    await expect(supervisor.getByRole("status").textContent()).resolves.toBe(
      "Surat Keterangan Gangguan LPSE diterbitkan dan dikirim kepada pengguna.",
    );
    const letter = await h.fake.waitFor(
      () =>
        h.fake.documents.find(
          (d) =>
            d.chatId === String(citizen.id) && d.fileName.startsWith("Surat-Keterangan-Gangguan-"),
        ),
      15_000,
      "the letter sent to the citizen",
    );
    expect(letter.fileName).toMatch(/\.pdf$/u);
    expect(letter.caption).toContain(number);
    expect(letter.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // The agents working in Telegram see it in the ticket's topic, with the PDF.
    const notice = await h.waitForTopicText(
      number,
      "diterbitkan oleh Petugas Supervisor (supervisor) melalui konsol web dan dikirim kepada pengguna.",
    );
    expect(notice).toMatch(/^📄 Surat Keterangan Gangguan LPSE nomor \S+ diterbitkan/u);
    const inTopic = await h.fake.waitFor(
      () =>
        h.fake.documents.find(
          (d) => d.chatId !== String(citizen.id) && d.fileName === letter.fileName,
        ),
      15_000,
      "the letter in the ticket's topic",
    );
    expect(inTopic.threadId).toBeDefined();
    expect(inTopic.bytes.equals(letter.bytes)).toBe(true);
    await supervisor.context().close();
  });
});
