// What the console's test files do on top of their fixture (web-console.ts):
// a browser signed in as one of its agents, a form posted with the CSRF token
// of the page it is on, and a second console of the file with settings of
// its own.
import { afterAll, beforeAll, expect } from "vitest";
import type { Logger } from "../../core/infra/logger.ts";
import { AGENT_PASSWORD, browser, startWebConsole, type webConsoleFixture } from "./web-console.ts";

export type ConsoleBrowser = ReturnType<typeof browser>;
type Fixture = ReturnType<typeof webConsoleFixture>;
type WebConsole = Awaited<ReturnType<typeof startWebConsole>>;

/** A browser signed in (303) as the fixture's agent of `role` (user name: the role in lower case). */
export async function signedIn(f: { web: Pick<WebConsole, "app"> }, role: string) {
  const b = browser(f.web.app);
  expect((await b.signIn(role.toLowerCase(), AGENT_PASSWORD)).statusCode).toBe(303);
  return b;
}

/** The form on `page` posted to `url`, with the page's CSRF token. */
export async function postForm(b: ConsoleBrowser, page: string, url: string, form = {}) {
  const _csrf = await b.csrf(page);
  return b.post(url, { _csrf, ...form });
}

/**
 * A second console on the fixture's database and prefix with other settings
 * (`opts`), started after the fixture's and closed before it: `.web` in tests.
 */
export function secondConsole(
  f: Fixture,
  logger: Logger,
  opts: Partial<Parameters<typeof startWebConsole>[0]>,
) {
  const second = { web: undefined as unknown as WebConsole };
  beforeAll(async () => {
    second.web = await startWebConsole({
      prisma: f.db.prisma,
      logger,
      prefix: f.prefix,
      now: f.now,
      ...opts,
    });
  });
  afterAll(async () => {
    await second.web?.close();
  });
  return second;
}
