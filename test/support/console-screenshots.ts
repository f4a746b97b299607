// `npm run console:screenshots`: the console's pages (sign-in, list, sign-in
// log, a ticket, SLA board, reports, agents, calendar), as a supervisor
// sees them at 1366×768 in the browser tests' harness (test/support/browser.ts:
// the whole bot, real PostgreSQL and Redis, Debian's Chromium), written to
// docs/img/ for docs/console.md. A developer's tool; the tests do not run it.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { DESKTOP, startConsoleHarness } from "./browser.ts";
import { ROOT } from "./process.ts";

const out = path.join(ROOT, "docs/img");
await mkdir(out, { recursive: true });
const h = await startConsoleHarness("console-screenshots");
try {
  const shot = async (page: Awaited<ReturnType<typeof h.newPage>>, name: string) => {
    const file = path.join(out, `console-${name}.png`);
    await page.screenshot({ path: file });
    console.log(path.relative(ROOT, file));
  };
  // Some sign-in history for the log: a wrong password, then agents in and out.
  const other = await h.newPage(DESKTOP);
  await h.signIn(other, h.account("HELPDESK"), "salah-ketik-kata-sandi");
  for (const role of ["HELPDESK", "VERIFIKATOR"] as const) {
    await h.signIn(other, h.account(role));
    await other.getByRole("button", { name: "Keluar" }).click();
    await other.waitForURL(/\/konsol\/masuk$/u);
  }
  await other.context().close();

  const page = await h.newPage(DESKTOP);
  await page.goto(`${h.baseUrl}/konsol/masuk`);
  await shot(page, "sign-in");
  await h.signIn(page, h.account("SUPERVISOR"));
  await shot(page, "tickets");
  await page.getByRole("link", { name: "Log masuk" }).click();
  await page.waitForURL(/\/konsol\/audit$/u);
  await shot(page, "audit");
  // A ticket's page, once the supervisor has taken it (its step in the timeline).
  const ticket = h.tickets[0];
  if (ticket) {
    await page.goto(`${h.baseUrl}/konsol/tiket/${ticket.number}`);
    await Promise.all([
      page.waitForURL(/pesan=/u),
      page.getByRole("button", { name: "Ambil tiket" }).click(),
    ]);
    await shot(page, "ticket");
  }
  // This WIB month, so the report has the filed tickets in it.
  const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
  for (const [url, name] of [
    ["/konsol/sla", "sla"],
    [`/konsol/laporan?bulan=${month}`, "reports"],
    ["/konsol/petugas", "agents"],
    ["/konsol/kalender", "calendar"],
  ] as const) {
    await page.goto(`${h.baseUrl}${url}`);
    await shot(page, name);
  }
} finally {
  await h.close();
}
