// The web console in headless Chromium against the whole bot on a real port
// (test/support/browser.ts): every role signs in with the keyboard, finds a
// filed ticket by its number and signs out; wrong passwords, roles and
// missing CSRF tokens are refused; every /konsol route Fastify lists
// (ticket pages included, once they exist) refuses the signed-out and the
// wrong roles; the pages fit a desktop and a phone.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentRole } from "../../core/domain/ticket/ticket.enums.ts";
import {
  type ConsoleHarness,
  DESKTOP,
  PHONE,
  startConsoleHarness,
  widths,
} from "../support/browser.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness("console-browser");
}, 180_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

const SIGN_IN = /\/konsol\/masuk$/u;

async function signedInPage(role: AgentRole, viewport = DESKTOP): Promise<Page> {
  const page = await h.newPage(viewport);
  await h.signIn(page, h.account(role));
  expect(page.url()).toBe(`${h.baseUrl}/konsol/tiket`);
  return page;
}

describe("the console in a browser", { timeout: 90_000 }, () => {
  it("lets every role sign in with the keyboard, find a ticket by its number, and sign out", async () => {
    for (const [i, account] of h.accounts.entries()) {
      const ticket = h.tickets[i % h.tickets.length];
      if (!ticket) throw new Error("no ticket was seeded");
      const page = await signedInPage(account.role);
      await expect(page.getByRole("heading", { name: "Daftar tiket" }).count()).resolves.toBe(1);
      await expect(page.locator("header").textContent()).resolves.toContain(
        `${account.name} (${account.role})`,
      );
      const row = await h.findTicket(page, ticket.number);
      await expect(row.count()).resolves.toBe(1);
      await expect(row.textContent()).resolves.toContain("Telegram");
      await expect(page.locator("caption").textContent()).resolves.toMatch(/^1 tiket/u);
      // The other seeded tickets are not in the answer.
      const others = h.tickets.filter((t) => t.number !== ticket.number);
      await expect(page.locator("tbody").textContent()).resolves.not.toContain(others[0]?.number);

      await Promise.all([
        page.waitForURL(SIGN_IN),
        page.getByRole("button", { name: "Keluar" }).click(),
      ]);
      // Signed out for good: the list sends the browser back to sign in.
      await page.goto(`${h.baseUrl}/konsol/tiket`);
      expect(page.url()).toMatch(SIGN_IN);
      await page.context().close();
    }
  });

  it("answers a wrong password in Bahasa Indonesia and gives no session", async () => {
    const page = await h.newPage();
    await h.signIn(page, h.account("ANALIS"), "bukan-kata-sandi-yang-benar");
    expect(page.url()).toMatch(SIGN_IN);
    await expect(page.getByRole("alert").textContent()).resolves.toBe(
      "Nama pengguna atau kata sandi salah.",
    );
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name)).not.toContain("konsol_sesi");
    // The right password still works afterwards (and resets the count).
    await h.signIn(page, h.account("ANALIS"));
    expect(page.url()).toBe(`${h.baseUrl}/konsol/tiket`);
    await page.context().close();
  });

  it("shows the sign-in log to a supervisor and refuses it to the helpdesk", async () => {
    const supervisor = await signedInPage("SUPERVISOR");
    await supervisor.getByRole("link", { name: "Log masuk" }).click();
    expect(supervisor.url()).toBe(`${h.baseUrl}/konsol/audit`);
    await expect(supervisor.getByRole("heading").first().textContent()).resolves.toBe(
      "Log masuk konsol",
    );
    await expect(supervisor.locator("tbody").textContent()).resolves.toContain(
      "Petugas Supervisor",
    );
    await supervisor.context().close();

    const helpdesk = await signedInPage("HELPDESK");
    await expect(helpdesk.getByRole("link", { name: "Log masuk" }).count()).resolves.toBe(0);
    const refused = await helpdesk.goto(`${h.baseUrl}/konsol/audit`);
    expect(refused?.status()).toBe(403);
    await expect(helpdesk.locator("main").textContent()).resolves.toContain(
      "Peran Bapak/Ibu tidak dapat membuka halaman ini.",
    );
    await helpdesk.context().close();
  });

  it("sends a browser that has not signed in to the sign-in page", async () => {
    const page = await h.newPage();
    const res = await page.goto(`${h.baseUrl}/konsol/tiket?status=BARU`);
    expect(res?.status()).toBe(200);
    expect(page.url()).toMatch(SIGN_IN);
    await expect(page.getByRole("button", { name: "Masuk" }).count()).resolves.toBe(1);
    await page.context().close();
  });

  it("refuses a form posted without its CSRF token, signed out and signed in", async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/konsol/masuk`);
    await page.locator('input[name="_csrf"]').evaluate((input) => input.remove());
    await page.getByLabel("Nama pengguna").fill("admin");
    await page.getByLabel("Kata sandi").fill("kata-sandi-konsol-uji-coba");
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByLabel("Kata sandi").press("Enter"),
    ]);
    expect(refused.status()).toBe(403);
    await expect(page.locator("h1").textContent()).resolves.toBe("Formulir kedaluwarsa");
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("konsol_sesi");
    await page.context().close();

    // Signed in, the sign-out form without its token does not sign out.
    const agent = await signedInPage("ADMIN");
    await agent.locator('header input[name="_csrf"]').evaluate((input) => input.remove());
    const [kept] = await Promise.all([
      agent.waitForResponse((r) => r.request().method() === "POST"),
      agent.getByRole("button", { name: "Keluar" }).click(),
    ]);
    expect(kept.status()).toBe(403);
    await agent.goto(`${h.baseUrl}/konsol/tiket`);
    expect(agent.url()).toBe(`${h.baseUrl}/konsol/tiket`);
    await agent.context().close();
  });

  it("refuses every /konsol route to the signed-out and to the roles it does not name", async () => {
    expect(h.routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(["GET /konsol/tiket", "GET /konsol/audit", "POST /konsol/keluar"]),
    );
    // A route's parameters (a ticket's number) filled in with a filed ticket's.
    const urlOf = (route: string) =>
      `${h.baseUrl}${route.replace(/:[A-Za-z]+/gu, h.tickets[0]?.number ?? "")}`;
    const signedIn = new Map<AgentRole, Page>();
    for (const { role } of h.accounts) signedIn.set(role, await signedInPage(role));
    const stranger = await h.newPage();
    const anonymous = stranger.request;
    let refusals = 0;
    for (const route of h.routes) {
      const label = `${route.method} ${route.url}`;
      expect(route.access, label).toBeDefined();
      if (route.access === "public") continue;
      const ask = (page: Page | undefined, csrf = "") =>
        route.method === "GET"
          ? (page?.request ?? anonymous).get(urlOf(route.url), { maxRedirects: 0 })
          : (page?.request ?? anonymous).post(urlOf(route.url), {
              form: { _csrf: csrf },
              maxRedirects: 0,
            });
      const signedOut = await ask(undefined);
      if (route.method === "GET") {
        expect(signedOut.status(), label).toBe(303);
        expect(signedOut.headers().location, label).toBe("/konsol/masuk");
      } else {
        expect(signedOut.status(), label).toBe(401);
      }
      for (const [role, page] of signedIn) {
        if (route.access?.includes(role)) continue;
        const csrf = await page.locator('header input[name="_csrf"]').inputValue();
        const res = await ask(page, csrf);
        expect(res.status(), `${role} ${label}`).toBe(403);
        expect(await res.text(), `${role} ${label}`).toContain("Tidak diizinkan");
        refusals++;
      }
    }
    // /konsol/audit alone refuses four roles.
    expect(refusals).toBeGreaterThanOrEqual(4);
    for (const page of [stranger, ...signedIn.values()]) await page.context().close();
  });

  it("fits a 1366×768 desktop and a 390×844 phone without sideways scrolling", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await h.newPage(viewport);
      await page.goto(`${h.baseUrl}/konsol/masuk`);
      const pages = [`${viewport.width} sign-in`];
      const fit = [await widths(page)];
      await h.signIn(page, h.account("SUPERVISOR"));
      for (const url of ["/konsol/tiket", "/konsol/audit"]) {
        await page.goto(`${h.baseUrl}${url}`);
        pages.push(`${viewport.width} ${url}`);
        fit.push(await widths(page));
      }
      for (const [i, w] of fit.entries()) {
        expect(w.innerWidth, pages[i]).toBe(viewport.width);
        expect(w.scrollWidth, pages[i]).toBeLessThanOrEqual(w.innerWidth);
      }
      await page.context().close();
    }
  });
});
