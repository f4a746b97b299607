// The web console in a real browser: the whole bot (real PostgreSQL in a
// database of its own, Redis under its own prefix, workers, outbound
// senders) listening on an ephemeral port, its Telegram channel polling a
// local fake Bot API (so what a citizen is sent can be read there), one
// console account per role made by `npm run console:account` itself, a few
// filed tickets, and Debian's Chromium driven by playwright-core.
// Used by test/e2e/console-browser.test.ts and `npm run console:screenshots`;
// it imports nothing from vitest, so it runs under tsx too.
import { randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { startAgentDesk } from "../../bot/agent-desk/start-desk.ts";
import type { Access } from "../../bot/web/access.ts";
import { AGENT_ROLES, type AgentRole } from "../../core/domain/ticket/ticket.enums.ts";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import { resolveContact } from "../../core/infra/stores/contact.store.ts";
import { type FakeUser, type SentMessage, startFakeBotApi } from "../fakes/bot-api-server.ts";
import { capturingLogger, fileTicketFor, testAppConfig, testCipher, WITH_DESK } from "./app.ts";
import { isolatedDatabase } from "./database.ts";
import { TEST_REDIS_URL, TEST_SECRETS } from "./env.ts";
import { runEntry } from "./process.ts";
import { deleteKeys, uniquePrefix } from "./redis.ts";
import { startAppWithTelegram } from "./telegram-app.ts";

/**
 * Headless, and nothing of Chromium's own traffic (component updates,
 * safe-browsing lists, sync, QUIC probes): on a machine without an outside
 * network those connections are refused and slow every page down.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
/** The password of every test account (the CLI asks for at least 12 characters). */
export const CONSOLE_PASSWORD = "kata-sandi-konsol-uji-coba";

/** CHROMIUM_PATH, or Debian's binary; a clear error when it is not there. */
function chromiumExecutable(): string {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install Debian's package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  return executablePath;
}

export async function launchChromium(): Promise<Browser> {
  // playwright-core launches it with a fresh user data directory of its own.
  return chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export interface ConsoleAccount {
  role: AgentRole;
  username: string;
  name: string;
}

/** Makes the account through the operator's command, the password typed on its standard input. */
async function accountByCli(databaseUrl: string, account: ConsoleAccount) {
  const run = runEntry(
    "bot/web/account.cli.ts",
    [account.username, String(randomInt(1e9, 2e9)), account.role, ...account.name.split(" ")],
    { DATABASE_URL: databaseUrl, REDIS_URL: TEST_REDIS_URL, ...TEST_SECRETS },
    { stdin: "pipe" },
  );
  run.child.stdin?.end(`${CONSOLE_PASSWORD}\n`);
  const code = await run.exit;
  if (code !== 0 || !run.output().includes("Akun konsol dibuat")) {
    throw new Error(`console:account ${account.username} failed (${code}):\n${run.output()}`);
  }
}

const SEEDED = [
  { category: "LUPA_PASSWORD", description: "Tidak bisa masuk SPSE, lupa kata sandi." },
  { category: "PERUBAHAN_EMAIL", description: "Mohon ganti email akun penyedia." },
  { category: "KENDALA_OTP", description: "Kode OTP tidak pernah sampai." },
  { category: "DATA_PENYEDIA", description: "Data penyedia perlu diverifikasi ulang." },
];

/** The agents group of a harness started with the desk (`{ desk: true }`). */
export const AGENTS_GROUP = WITH_DESK.TELEGRAM_AGENT_CHAT_ID;

export async function startConsoleHarness(name: string, opts: { desk?: boolean } = {}) {
  chromiumExecutable(); // before starting anything, so a missing browser fails at once
  const prefix = uniquePrefix(name);
  const dir = await mkdtemp(path.join(tmpdir(), `lpse-${name}-`));
  const database = await isolatedDatabase(name.replaceAll("-", "_"));
  const { lines: logLines, logger } = capturingLogger();
  const lifecycle = createLifecycle(logger, 5000);
  const fake = await startFakeBotApi();
  const config = testAppConfig(prefix, dir, {
    DATABASE_URL: database.url,
    HTTP_PORT: "0",
    ...(opts.desk ? WITH_DESK : {}),
    // The tests sign in more often than an office does (the limit: web-console-rate-limit.test.ts).
    CONSOLE_SIGN_IN_PER_MINUTE: "1000",
  });
  // Every route as Fastify lists it, with the access it states (bot/web/access.ts).
  const routes: { method: string; url: string; access: Access | undefined }[] = [];
  const { runtime, services, telegram } = await startAppWithTelegram({
    config,
    logger,
    lifecycle,
    fake,
    http: true,
    onRuntime: (rt) =>
      rt.health.app.addHook("onRoute", (route) => {
        for (const method of [route.method].flat()) {
          if (method !== "HEAD" && route.url.startsWith("/konsol")) {
            routes.push({ method, url: route.url, access: route.config?.access });
          }
        }
      }),
  });
  // The agent desk on the agents group: each ticket's topic, where the steps are posted.
  if (opts.desk) {
    await startAgentDesk({
      config,
      logger,
      lifecycle,
      runtime,
      services,
      telegram,
      chatId: AGENTS_GROUP,
    });
  }
  await telegram.start();
  const { port } = runtime.health.app.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;

  const accounts = AGENT_ROLES.map((role) => ({
    role,
    username: role.toLowerCase(),
    name: `Petugas ${role[0]}${role.slice(1).toLowerCase()}`,
  }));
  await Promise.all(accounts.map((account) => accountByCli(database.url, account)));

  const db = runtime.db;
  const tickets: { number: string; citizen: FakeUser }[] = [];
  for (const [i, draft] of SEEDED.entries()) {
    const citizen = { id: randomInt(1e9, 2e9), firstName: `Warga${i + 1}` };
    const contact = await db.prisma.$transaction((tx) =>
      resolveContact(tx, testCipher, "TELEGRAM", { externalId: String(citizen.id) }),
    );
    const { number } = await fileTicketFor(db, testCipher, contact, new Date(), draft);
    tickets.push({ number, citizen });
  }

  const browser = await launchChromium();
  const messagesTo = (citizen: FakeUser): SentMessage[] =>
    fake.sent.filter((m) => m.chatId === String(citizen.id));
  return {
    baseUrl,
    fake,
    db,
    routes,
    accounts,
    tickets,
    browser,
    logLines,
    account(role: AgentRole): ConsoleAccount {
      const found = accounts.find((a) => a.role === role);
      if (!found) throw new Error(`no account for ${role}`);
      return found;
    },
    /** A page in a browser context of its own (its own cookies), at `viewport`. */
    async newPage(viewport = DESKTOP): Promise<Page> {
      const context = await browser.newContext({ viewport, locale: "id-ID" });
      return context.newPage();
    },
    /** Signs in through the form with the keyboard: type the name, Tab, type the password, Enter. */
    async signIn(page: Page, account: ConsoleAccount, password = CONSOLE_PASSWORD) {
      await page.goto(`${baseUrl}/konsol/masuk`);
      await page.getByLabel("Nama pengguna").click();
      await page.keyboard.type(account.username);
      await page.keyboard.press("Tab");
      await page.keyboard.type(password);
      const answered = page.waitForEvent("framenavigated", (f) => f === page.mainFrame());
      await page.keyboard.press("Enter");
      await answered;
      await page.waitForLoadState("load");
    },
    /** Finds a ticket by its number with the list's search form. */
    async findTicket(page: Page, number: string) {
      await page.goto(`${baseUrl}/konsol/tiket`);
      await page.getByLabel("Nomor tiket").fill(number);
      await Promise.all([
        page.waitForURL(/nomor=/u),
        page.getByRole("button", { name: "Tampilkan" }).click(),
      ]);
      return page.getByRole("row").filter({ hasText: number });
    },
    /** What the bot has posted in the ticket's topic of the agents group so far (desk on). */
    topicTexts(number: string): string[] {
      const threads = new Set(
        fake.topics
          .filter((t) => t.chatId === AGENTS_GROUP && t.names.some((n) => n.includes(number)))
          .map((t) => t.threadId),
      );
      return fake.sent
        .filter(
          (m) => m.chatId === AGENTS_GROUP && m.threadId !== undefined && threads.has(m.threadId),
        )
        .map((m) => m.text);
    },
    /** Waits until the bot has posted a text containing `text` in the ticket's topic. */
    waitForTopicText(number: string, text: string, timeoutMs = 15_000) {
      return fake.waitFor(
        () => this.topicTexts(number).find((t) => t.includes(text)),
        timeoutMs,
        `a post in the topic of ${number} containing "${text}"`,
      );
    },
    /** What the local Bot API has delivered to the citizen so far. */
    messagesTo,
    /** Waits until the citizen has been sent a message containing `text`. */
    waitForMessageTo(citizen: FakeUser, text: string, timeoutMs = 15_000) {
      return fake.waitFor(
        () => messagesTo(citizen).find((m) => m.text.includes(text)),
        timeoutMs,
        `a message to the citizen containing "${text}"`,
      );
    },
    async close() {
      await browser.close();
      await telegram.stop();
      await lifecycle.shutdown("browser tests done");
      await fake.close();
      await deleteKeys(prefix);
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type ConsoleHarness = Awaited<ReturnType<typeof startConsoleHarness>>;

/** How wide the page is, and the window: the first above the second scrolls sideways. */
export const widths = (page: Page): Promise<{ scrollWidth: number; innerWidth: number }> =>
  page.evaluate(
    "({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })",
  );
