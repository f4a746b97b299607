// The console's live updates in headless Chromium against the whole bot
// (test/support/browser.ts): a supervisor has a ticket's page and the list
// open; another agent takes the ticket in a session of their own, and a
// citizen's message is relayed to the agents; both show on the open pages
// without a reload, while what the supervisor is typing in a step's form
// stays, and the page's refetches (marked as live) add no history.view row
// to the supervisor's one opening. Without JavaScript the page still works.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRelay } from "../../core/app/desk-relay.ts";
import { testCipher } from "../support/app.ts";
import { type ConsoleHarness, startConsoleHarness } from "../support/browser.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness("console-live");
}, 180_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

const CITIZEN_TEXT = "Sudah saya unggah ulang aktanya, Bu.";
const TYPED = "Masih saya pertimbangkan";

describe("live updates in a browser", { timeout: 90_000 }, () => {
  it("shows another agent's step and a citizen's message on the open pages without a reload", async () => {
    const ticket = h.tickets[0];
    if (!ticket) throw new Error("no ticket was seeded");
    const ticketUrl = `${h.baseUrl}/konsol/tiket/${ticket.number}`;

    const watcher = await h.newPage();
    await h.signIn(watcher, h.account("SUPERVISOR"));
    const ticketStream = watcher.waitForResponse((r) =>
      r.url().includes("/konsol/langsung?tiket="),
    );
    const refetches: (string | undefined)[] = [];
    watcher.on("request", (r) => {
      if (r.url() === ticketUrl && r.resourceType() === "fetch") {
        refetches.push(r.headers()["x-konsol-langsung"]);
      }
    });
    await watcher.goto(ticketUrl);
    expect((await ticketStream).status()).toBe(200);
    await watcher.evaluate("window.tetap = 'tanpa-muat-ulang'");
    const cardBefore = await watcher.locator("#bagian-kartu").textContent();
    expect(cardBefore).toContain("belum diambil");

    const list = await watcher.context().newPage();
    const listStream = list.waitForResponse((r) => r.url().endsWith("/konsol/langsung"));
    await list.goto(`${h.baseUrl}/konsol/tiket`);
    expect((await listStream).status()).toBe(200);
    const row = list.locator("#daftar-tiket tr").filter({ hasText: ticket.number });
    const rowBefore = await row.textContent();

    // A helpdesk agent takes the ticket, in a browser of their own.
    const other = await h.newPage();
    await h.signIn(other, h.account("HELPDESK"));
    await other.goto(ticketUrl);
    await Promise.all([
      other.waitForURL(/pesan=/u),
      other.getByRole("button", { name: "Ambil tiket" }).click(),
    ]);

    await expect
      .poll(() => watcher.locator("#bagian-kartu").textContent(), { timeout: 15_000 })
      .toContain("Petugas Helpdesk");
    await expect
      .poll(() => watcher.locator("#bagian-riwayat").textContent())
      .toContain("oleh Petugas Helpdesk");
    await expect.poll(() => watcher.getByRole("status").textContent()).toContain("Diperbarui");
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).not.toBe(rowBefore);
    await expect(list.locator("#daftar-tiket").count()).resolves.toBe(1);

    // The supervisor starts typing a reason; the citizen writes meanwhile.
    await watcher.getByLabel("Alasan penolakan").fill(TYPED);
    const row2 = await h.db.prisma.ticket.findUniqueOrThrow({
      where: { number: ticket.number },
      select: { contactId: true },
    });
    const contact = await h.db.prisma.contact.findUniqueOrThrow({ where: { id: row2.contactId } });
    await h.db.prisma.$transaction((tx) =>
      recordRelay(tx, testCipher, contact, {
        content: { kind: "text", text: CITIZEN_TEXT },
        ticketNumber: ticket.number,
      }),
    );
    await expect
      .poll(() => watcher.locator("#bagian-riwayat").textContent(), { timeout: 15_000 })
      .toContain(CITIZEN_TEXT);
    await expect(watcher.getByLabel("Alasan penolakan").inputValue()).resolves.toBe(TYPED);
    // The same document all along: no reload happened.
    await expect(watcher.evaluate("window.tetap")).resolves.toBe("tanpa-muat-ulang");
    // Each refetch said it was one, and the one opening's audit row covers them all.
    expect(refetches.length).toBeGreaterThanOrEqual(2);
    expect(refetches.every((h) => h === "1")).toBe(true);
    const supervisor = await h.db.prisma.webAccount.findUniqueOrThrow({
      where: { username: h.account("SUPERVISOR").username },
    });
    const ticketRow = await h.db.prisma.ticket.findUniqueOrThrow({
      where: { number: ticket.number },
      select: { id: true },
    });
    const views = await h.db.prisma.auditLog.count({
      where: { action: "history.view", ticketId: ticketRow.id, actorId: supervisor.agentId },
    });
    expect(views).toBe(1);
    await watcher.context().close();
    await other.context().close();
  });

  it("still shows the ticket page without JavaScript", async () => {
    const ticket = h.tickets[1];
    if (!ticket) throw new Error("no ticket was seeded");
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await h.signIn(page, h.account("VERIFIKATOR"));
    await page.goto(`${h.baseUrl}/konsol/tiket/${ticket.number}`);
    await expect(page.locator("h1").textContent()).resolves.toBe(`Tiket ${ticket.number}`);
    await expect(page.locator("#bagian-riwayat").count()).resolves.toBe(1);
    await context.close();
  });
});
