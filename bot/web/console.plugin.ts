// The office's web console under /konsol, as a Fastify plugin on the bot's
// HTTP server: sign-in per agent (bot/web/sign-in.ts), sessions in Redis,
// CSRF tokens on every form (@fastify/csrf-protection, its secret in an
// HttpOnly cookie), and the pages. Access per route: bot/web/access.ts.
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from "fastify";
import type { TicketWorkflow } from "../../core/app/ticket-workflow.ts";
import type { CalendarProvider } from "../../core/infra/calendar-provider.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import {
  ALL_ROLES,
  accessHook,
  requireAccessStatement,
  SESSION_COOKIE,
  SIGN_IN_PATH,
  type SignedInAgent,
} from "./access.ts";
import { registerAgentRoutes } from "./agents.routes.ts";
import { auditPage, listConsoleAudit } from "./audit.page.ts";
import { registerCalendarRoutes } from "./calendar.routes.ts";
import { messagePage, signInPage, type Viewer } from "./html.ts";
import { type ReportRouteDeps, registerReportRoutes } from "./report.routes.ts";
import { createSessionStore } from "./session.store.ts";
import { recordSignOut, signIn } from "./sign-in.ts";
import { registerTicketRoutes } from "./ticket.routes.ts";
import { type TicketRouteDeps, ticketRoutes } from "./tickets.routes.ts";
import { registerWhatsappRoutes, type WhatsappRouteDeps } from "./whatsapp.routes.ts";

export interface ConsoleDeps extends TicketRouteDeps, ReportRouteDeps, WhatsappRouteDeps {
  prisma: PrismaClient;
  redis: RedisClient;
  prefix: string;
  logger: Logger;
  now: () => Date;
  /** The office calendar of the moment; the calendar page changes it (every process follows). */
  calendar: Pick<CalendarProvider, "base" | "current" | "overrides" | "changed">;
  /** Opens the ticket's sealed details and files (the ticket page). */
  cipher: Cipher;
  /** The steps of the ticket page, the desk's own workflow. */
  workflow: Pick<TicketWorkflow, "changeStatus">;
  settings: {
    cookieSecure: boolean;
    sessionIdleMs: number;
    lockout: { attempts: number; durationMs: number };
  };
}

const SIGN_IN_MESSAGES = {
  wrong: "Nama pengguna atau kata sandi salah.",
  locked:
    "Akun Bapak/Ibu dikunci sementara karena terlalu banyak percobaan yang salah. Silakan coba lagi nanti atau hubungi supervisor.",
  inactive: "Akun Bapak/Ibu tidak aktif. Silakan hubungi supervisor.",
} as const;

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type("text/html; charset=utf-8").send(body);

export function consolePlugin(deps: ConsoleDeps): FastifyPluginAsync {
  const sessions = createSessionStore({
    redis: deps.redis,
    prefix: deps.prefix,
    idleMs: deps.settings.sessionIdleMs,
  });
  const cookie = {
    path: "/konsol",
    httpOnly: true,
    secure: deps.settings.cookieSecure,
    sameSite: "lax",
  } as const;

  return async (app: FastifyInstance) => {
    app.addHook("onRoute", requireAccessStatement);
    await app.register(fastifyCookie);
    await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
    await app.register(fastifyCsrf, {
      cookieKey: "konsol_csrf",
      cookieOpts: { ...cookie, sameSite: "strict" },
    });
    app.addHook("preHandler", accessHook({ prisma: deps.prisma, sessions }));
    app.addHook("onSend", async (_request, reply) => {
      reply.headers({
        "cache-control": "no-store",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",
        "x-content-type-options": "nosniff",
        "content-security-policy":
          "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      });
    });
    app.setErrorHandler((err: { code?: string; statusCode?: number }, request, reply) => {
      if (err.code === "FST_CSRF_INVALID_TOKEN" || err.code === "FST_CSRF_MISSING_SECRET") {
        return html(
          reply,
          403,
          messagePage(
            "Formulir kedaluwarsa",
            "Formulir ini sudah tidak berlaku. Silakan muat ulang halaman lalu coba lagi.",
          ),
        );
      }
      if (err.statusCode && err.statusCode < 500) {
        return html(
          reply,
          err.statusCode,
          messagePage("Permintaan ditolak", "Permintaan tidak dapat diproses."),
        );
      }
      deps.logger.error({ err, route: request.routeOptions.url }, "Console page failed");
      return html(
        reply,
        500,
        messagePage("Terjadi kesalahan", "Silakan coba lagi beberapa saat lagi."),
      );
    });

    const viewer = (agent: SignedInAgent | undefined, reply: FastifyReply): Viewer => ({
      name: agent?.name ?? "",
      role: agent?.role ?? "",
      csrf: reply.generateCsrf(),
    });

    app.get("/konsol", { config: { access: ALL_ROLES } }, (_request, reply) =>
      reply.redirect("/konsol/tiket", 303),
    );
    app.get(SIGN_IN_PATH, { config: { access: "public" } }, (_request, reply) =>
      html(reply, 200, signInPage(reply.generateCsrf())),
    );
    app.post<{ Body: { username?: string; password?: string } }>(
      SIGN_IN_PATH,
      { config: { access: "public" }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const { username = "", password = "" } = request.body ?? {};
        const result = await signIn(
          { prisma: deps.prisma, now: deps.now, lockout: deps.settings.lockout },
          String(username).slice(0, 100),
          String(password).slice(0, 256),
        );
        if (!result.ok) {
          const status = result.reason === "locked" ? 429 : 401;
          return html(
            reply,
            status,
            signInPage(reply.generateCsrf(), SIGN_IN_MESSAGES[result.reason]),
          );
        }
        const old = request.cookies[SESSION_COOKIE];
        if (old) await sessions.destroy(old);
        reply.setCookie(SESSION_COOKIE, await sessions.create(result.agentId), cookie);
        return reply.redirect("/konsol/tiket", 303);
      },
    );
    app.post(
      "/konsol/keluar",
      { config: { access: ALL_ROLES }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const agent = request.agent as SignedInAgent;
        await sessions.destroy(agent.sessionId);
        await recordSignOut(deps.prisma, agent.id, deps.now());
        reply.clearCookie(SESSION_COOKIE, cookie);
        return reply.redirect(SIGN_IN_PATH, 303);
      },
    );
    ticketRoutes(app, deps);
    registerTicketRoutes(app, deps, viewer);
    app.get("/konsol/audit", { config: { access: ["SUPERVISOR"] } }, async (request, reply) =>
      html(
        reply,
        200,
        auditPage(viewer(request.agent, reply), await listConsoleAudit(deps.prisma)),
      ),
    );
    registerReportRoutes(app, deps);
    registerWhatsappRoutes(app, deps);
    registerAgentRoutes(app, deps);
    registerCalendarRoutes(app, deps);
  };
}
