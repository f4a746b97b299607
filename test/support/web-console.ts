// The web console on a Fastify server of its own, driven through inject():
// a cookie jar per browser, the CSRF token read from the page's form, and
// agents with console accounts (a cheap scrypt cost, the same format).

import type { LightMyRequestResponse } from "fastify";
import { Redis } from "ioredis";
import { Registry } from "prom-client";
import { afterAll, beforeAll } from "vitest";
import { type ConsoleDeps, consolePlugin } from "../../bot/web/console.plugin.ts";
import { type KnowledgeBase, startKnowledgeBase } from "../../core/app/knowledge-base.ts";
import { loadConfig } from "../../core/config.ts";
import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
} from "../../core/domain/sla/business-calendar.schema.ts";
import { AGENT_ROLES, type AgentRole } from "../../core/domain/ticket/ticket.enums.ts";
import { calendarChannel, startCalendarProvider } from "../../core/infra/calendar-provider.ts";
import { type Database, openDatabase, type PrismaClient } from "../../core/infra/db.ts";
import { createHealthServer } from "../../core/infra/health-server.ts";
import { SHIPPED_ARTICLES_DIR } from "../../core/infra/knowledge/article-files.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { hashPassword } from "../../core/infra/password.ts";
import { createRedis } from "../../core/infra/redis.ts";
import { conversationSettings } from "../../core/infra/services.ts";
import { readCalendarOverrides } from "../../core/infra/stores/calendar.store.ts";
import { upsertWebAccount } from "../../core/infra/stores/web-account.store.ts";
import { openTicketChanges, type TicketChanges } from "../../core/infra/ticket-changes.ts";
import { testCipher, testQueues, testWorkflow, WITH_DESK } from "./app.ts";
import { isolatedDatabase } from "./database.ts";
import { TEST_REDIS_URL } from "./env.ts";
import { deleteKeys, uniquePrefix } from "./redis.ts";

/** The letterhead of the tests' console (reports and disruption letters). */
export const TEST_DOCUMENTS = {
  officeName: "LPSE Kabupaten Landak",
  officeAddress: "Jl. Pemuda No. 1, Ngabang",
  letterNumberFormat: "{seq}/SKG/LPSE-LDK/{year}",
  signer: { name: "Kepala LPSE", position: "Kepala UKPBJ", nip: "198001012005011001" },
};

export async function startWebConsole(opts: {
  prisma: PrismaClient;
  logger: Logger;
  prefix: string;
  now: () => Date;
  idleMs?: number;
  calendar?: BusinessCalendar;
  lockout?: { attempts: number; durationMs: number };
  whatsapp?: ConsoleDeps["whatsapp"];
  /** The database's ticket-change listener (live updates); without one, no change arrives. */
  db?: Pick<Database, "listen">;
  live?: { maxStreams: number; heartbeatMs: number };
  upload?: { maxBytes: number; maxFiles: number };
  smtp?: { url: string; from: string };
  totpRequiredForSupervisor?: boolean;
  /** Sign-in attempts per address and minute; high by default (the files sign in often). */
  signInPerMinute?: number;
  trustProxy?: string[];
  telegramLogin?: ConsoleDeps["settings"]["telegramLogin"];
  /** Starts the help articles (the shipped ones) as the bot does with self-service on. */
  knowledge?: boolean;
}) {
  const intake = conversationSettings(loadConfig(WITH_DESK), opts.calendar);
  const knowledge: KnowledgeBase | null = opts.knowledge
    ? await startKnowledgeBase({
        prisma: opts.prisma,
        dir: SHIPPED_ARTICLES_DIR,
        render: { settings: intake, officeAddress: TEST_DOCUMENTS.officeAddress },
        logger: opts.logger,
        now: opts.now,
        refreshMs: 0,
      })
    : null;
  const redis = new Redis(TEST_REDIS_URL);
  const changes: TicketChanges = opts.db
    ? await openTicketChanges(opts.db, opts.logger)
    : { subscribe: () => () => {}, close: async () => {} };
  // The desk's own workflow, its jobs on real queues under the file's prefix.
  // (The file's fixture deletes the prefix's keys: a second console of the file shares them.)
  const queueRedis = createRedis(TEST_REDIS_URL, "worker");
  const queues = testQueues(queueRedis, opts.prefix);
  // The office calendar as the bot keeps it: the given one with the console's changes.
  const calendar = await startCalendarProvider(
    calendarProviderOptions(opts.prisma, opts.prefix, opts.logger, opts.calendar, redis),
  );
  const workflow = testWorkflow({
    calendar,
    db: { prisma: opts.prisma } as Database,
    queueFor: queues.queueFor,
    logger: opts.logger,
    now: opts.now,
  });
  const server = createHealthServer({
    logger: opts.logger,
    registry: new Registry(),
    checks: [],
    trustProxy: opts.trustProxy ?? false,
  });
  const routes: { method: string; url: string; access: unknown }[] = [];
  server.app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, access: route.config?.access });
    }
  });
  server.app.register(
    consolePlugin({
      prisma: opts.prisma,
      cipher: testCipher,
      calendar,
      redis,
      prefix: opts.prefix,
      logger: opts.logger,
      now: opts.now,
      workflow,
      queueFor: queues.queueFor,
      documents: TEST_DOCUMENTS,
      signature: "agent",
      whatsapp: opts.whatsapp,
      changes,
      knowledge,
      intake,
      settings: {
        upload: opts.upload ?? { maxBytes: 1024 * 1024, maxFiles: 4 },
        smtp: opts.smtp,
        cookieSecure: true,
        sessionIdleMs: opts.idleMs ?? 60_000,
        lockout: opts.lockout ?? { attempts: 3, durationMs: 15 * 60_000 },
        live: opts.live ?? { maxStreams: 20, heartbeatMs: 30_000 },
        signInPerMinute: opts.signInPerMinute ?? 10_000,
        telegramLogin: opts.telegramLogin,
        totpRequiredForSupervisor: opts.totpRequiredForSupervisor ?? false,
      },
    }),
  );
  await server.app.ready();
  return {
    app: server.app,
    redis,
    routes,
    workflow,
    changes,
    calendar,
    knowledge,
    queueFor: queues.queueFor,
    async close() {
      await server.close();
      knowledge?.close();
      await changes.close();
      await calendar.close();
      await redis.quit();
      await queues.closeAll();
      await queueRedis.quit();
    },
  };
}

/**
 * A calendar provider as each process starts one (core/infra/services.ts):
 * `base` with the rows of `prisma`, told of changes on the prefix's channel.
 * The periodic re-read is an hour away: tests see the message path.
 */
export function calendarProviderOptions(
  prisma: PrismaClient,
  prefix: string,
  logger: Logger,
  base: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
  publisher?: Redis,
) {
  return {
    base,
    load: () => readCalendarOverrides(prisma),
    logger,
    refreshMs: 3_600_000,
    ...(publisher ? { publisher } : {}),
    subscriber: new Redis(TEST_REDIS_URL),
    channel: calendarChannel(prefix),
  };
}

/** One browser: keeps the cookies it is given and sends them back. */
export function browser(app: Awaited<ReturnType<typeof startWebConsole>>["app"]) {
  const jar = new Map<string, string>();
  const keep = (res: LightMyRequestResponse) => {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === "" || c.maxAge === 0) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  return {
    jar,
    async get(url: string) {
      return keep(await app.inject({ method: "GET", url, headers: { cookie: cookie() } }));
    },
    async post(url: string, form: Record<string, string>) {
      return keep(
        await app.inject({
          method: "POST",
          url,
          headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams(form).toString(),
        }),
      );
    },
    /** A multipart form (files included), encoded as a browser would. */
    async postMultipart(url: string, form: FormData) {
      const encoded = new Request("http://konsol.test/", { method: "POST", body: form });
      return keep(
        await app.inject({
          method: "POST",
          url,
          headers: {
            cookie: cookie(),
            "content-type": encoded.headers.get("content-type") ?? "",
          },
          payload: Buffer.from(await encoded.arrayBuffer()),
        }),
      );
    },
    /** The CSRF token of the form on `url`. */
    async csrf(url = "/konsol/masuk") {
      const body = (await this.get(url)).body;
      const token = /name="_csrf" value="([^"]+)"/u.exec(body)?.[1];
      if (!token) throw new Error(`no CSRF token on ${url}`);
      return token;
    },
    async signIn(username: string, password: string) {
      return this.post("/konsol/masuk", { _csrf: await this.csrf(), username, password });
    },
  };
}

let nextTelegramId = BigInt(Date.now()) * 1000n;
export async function agentWithAccount(
  prisma: PrismaClient,
  role: AgentRole,
  username: string,
  password: string,
) {
  nextTelegramId += 1n;
  return upsertWebAccount(prisma, {
    telegramUserId: nextTelegramId,
    name: `Petugas ${role}`,
    role,
    username,
    passwordHash: await hashPassword(password, { N: 2 ** 10, r: 8, p: 1 }),
  });
}

export const AGENT_PASSWORD = "kata-sandi-petugas-yang-panjang";

/**
 * A test file's console: its own migrated database with one agent of each
 * role (user name = the role in lower case, password AGENT_PASSWORD), its own
 * Redis prefix, and a clock the file may move (`f.nowMs`).
 */
export function webConsoleFixture(
  label: string,
  logger: Logger,
  opts: {
    calendar?: BusinessCalendar;
    live?: { maxStreams: number; heartbeatMs: number };
    smtp?: { url: string; from: string };
    knowledge?: boolean;
  } = {},
) {
  const f = {
    prefix: uniquePrefix(label),
    nowMs: Date.now(),
    now: () => new Date(f.nowMs),
    db: undefined as unknown as Database,
    web: undefined as unknown as Awaited<ReturnType<typeof startWebConsole>>,
  };
  let isolated: Awaited<ReturnType<typeof isolatedDatabase>> | undefined;
  beforeAll(async () => {
    isolated = await isolatedDatabase(label.replaceAll("-", "_"));
    f.db = await openDatabase({ kind: "postgres", url: isolated.url });
    f.web = await startWebConsole({
      prisma: f.db.prisma,
      logger,
      prefix: f.prefix,
      now: f.now,
      db: f.db,
      ...opts,
    });
    for (const role of AGENT_ROLES) {
      await agentWithAccount(f.db.prisma, role, role.toLowerCase(), AGENT_PASSWORD);
    }
  });
  afterAll(async () => {
    await f.web?.close();
    await deleteKeys(f.prefix);
    await f.db?.close();
    await isolated?.drop();
  });
  return f;
}
