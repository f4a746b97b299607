// The office's web console under /konsol, as a Fastify plugin on the bot's
// HTTP server: sign-in per agent (bot/web/sign-in.routes.ts), sessions in Redis,
// CSRF tokens on every form (@fastify/csrf-protection, its secret in an
// HttpOnly cookie), and the pages. Access per route: bot/web/access.ts.
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from "fastify";
import type { TicketWorkflow } from "../../core/app/ticket-workflow.ts";
import type { Config } from "../../core/config.ts";
import type { AgentRole } from "../../core/domain/ticket/ticket.enums.ts";
import type { CalendarProvider } from "../../core/infra/calendar-provider.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import type { QueueFor } from "../../core/infra/stores/outbox.store.ts";
import type { TicketChanges } from "../../core/infra/ticket-changes.ts";
import {
  ALL_ROLES,
  accessHook,
  requireAccessStatement,
  SESSION_COOKIE,
  SIGN_IN_PATH,
  type SignedInAgent,
} from "./access.ts";
import { registerAccountRoutes } from "./account.routes.ts";
import { registerAgentNewRoutes } from "./agent-new.routes.ts";
import { registerAgentRoutes } from "./agents.routes.ts";
import { type ArticleEditDeps, registerArticleEditRoutes } from "./article-edit.routes.ts";
import { registerArticleRoutes } from "./articles.routes.ts";
import { auditPage, listConsoleAudit } from "./audit.page.ts";
import { registerCalendarRoutes } from "./calendar.routes.ts";
import { messagePage, type Viewer } from "./html.ts";
import { registerLiveRoutes } from "./live.routes.ts";
import { type ReportRouteDeps, registerReportRoutes } from "./report.routes.ts";
import { createSessionStore } from "./session.store.ts";
import { registerSignInRoutes, type TelegramLoginSettings } from "./sign-in.routes.ts";
import { recordSignOut } from "./sign-in.ts";
import { limitedPage, registerSignInLimit } from "./sign-in-limit.ts";
import { registerTemplateRoutes } from "./templates.routes.ts";
import { registerTicketRoutes } from "./ticket.routes.ts";
import type { MessageDeps } from "./ticket-messages.ts";
import { type TicketRouteDeps, ticketRoutes } from "./tickets.routes.ts";
import { registerWalkInRoutes, type WalkInRouteDeps } from "./walk-in.routes.ts";
import { registerWhatsappRoutes, type WhatsappRouteDeps } from "./whatsapp.routes.ts";

export interface ConsoleDeps
  extends TicketRouteDeps,
    ReportRouteDeps,
    WhatsappRouteDeps,
    MessageDeps,
    ArticleEditDeps {
  prisma: PrismaClient;
  redis: RedisClient;
  prefix: string;
  logger: Logger;
  now: () => Date;
  /** The office calendar of the moment; the calendar page changes it (every process follows). */
  calendar: Pick<CalendarProvider, "base" | "current" | "overrides" | "changed">;
  /** Opens the ticket's sealed details and files (the ticket page). */
  cipher: Cipher;
  /** The steps of the ticket page, the desk's own workflow (publish: a ticket filed here). */
  workflow: Pick<TicketWorkflow, "changeStatus" | "publish">;
  /** The process's one ticket-change listener, for the live updates. */
  changes: TicketChanges;
  /** Letterhead, numbering and signer: the reports' header and the disruption letters. */
  documents?: Config["documents"];
  /** Publishes what the ticket page's steps queue outside the workflow (a claim's desk job). */
  queueFor: QueueFor;
  /** The chat intake's settings, for tickets filed on a citizen's behalf. */
  intake: WalkInRouteDeps["intake"];
  settings: {
    cookieSecure: boolean;
    sessionIdleMs: number;
    upload: WalkInRouteDeps["upload"];
    /** SMTP for applicants notified by e-mail; unset: that choice is refused. */
    smtp?: { url: string; from: string } | undefined;
    lockout: { attempts: number; durationMs: number };
    live: { maxStreams: number; heartbeatMs: number };
    /** CONSOLE_SIGN_IN_PER_MINUTE: sign-in attempts per client address and minute. */
    signInPerMinute: number;
    /** Telegram Login (CONSOLE_TELEGRAM_LOGIN_BOT and TELEGRAM_BOT_TOKEN); undefined: off. */
    telegramLogin?: TelegramLoginSettings | undefined;
    /** CONSOLE_TOTP_REQUIRED_SUPERVISOR: supervisors must sign in with a TOTP code. */
    totpRequiredForSupervisor?: boolean;
  };
}

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type("text/html; charset=utf-8").send(body);

export function consolePlugin(deps: ConsoleDeps): FastifyPluginAsync {
  const sessions = createSessionStore({
    redis: deps.redis,
    prefix: deps.prefix,
    idleMs: deps.settings.sessionIdleMs,
  });
  const requiredRoles: AgentRole[] = deps.settings.totpRequiredForSupervisor ? ["SUPERVISOR"] : [];
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
    await registerSignInLimit(app, deps);
    app.addHook("preHandler", accessHook({ prisma: deps.prisma, sessions, requiredRoles }));
    app.addHook("onSend", async (_request, reply) => {
      reply.headers({
        "cache-control": "no-store",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",
        "x-content-type-options": "nosniff",
        // A route may set a policy of its own (the sign-in page with the Telegram widget).
        "content-security-policy":
          reply.getHeader("content-security-policy") ??
          "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
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
      const limited = limitedPage(err);
      if (limited) return html(reply, 429, limited);
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
    registerSignInRoutes(app, {
      ...deps,
      lockout: deps.settings.lockout,
      perMinute: deps.settings.signInPerMinute,
      telegramLogin: deps.settings.telegramLogin,
      sessions,
      cookie,
    });
    registerAccountRoutes(app, {
      ...deps,
      lockout: deps.settings.lockout,
      totpRequiredRoles: requiredRoles,
    });
    app.post(
      "/konsol/keluar",
      { config: { access: ALL_ROLES, beforeTotp: true }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const agent = request.agent as SignedInAgent;
        await sessions.destroy(agent.sessionId);
        await recordSignOut(deps.prisma, agent.id, deps.now());
        reply.clearCookie(SESSION_COOKIE, cookie);
        return reply.redirect(SIGN_IN_PATH, 303);
      },
    );
    ticketRoutes(app, deps);
    registerTicketRoutes(app, { ...deps, upload: deps.settings.upload }, viewer);
    app.get("/konsol/audit", { config: { access: ["SUPERVISOR"] } }, async (request, reply) =>
      html(
        reply,
        200,
        auditPage(viewer(request.agent, reply), await listConsoleAudit(deps.prisma)),
      ),
    );
    registerReportRoutes(app, deps);
    registerWhatsappRoutes(app, deps);
    registerAgentRoutes(app, { ...deps, sessions });
    registerAgentNewRoutes(app, { ...deps, sessions });
    registerCalendarRoutes(app, deps);
    registerLiveRoutes(app, {
      prisma: deps.prisma,
      changes: deps.changes,
      sessions,
      live: deps.settings.live,
    });
    registerWalkInRoutes(app, {
      ...deps,
      upload: deps.settings.upload,
      emailNotify: deps.settings.smtp !== undefined,
    });
    registerTemplateRoutes(app, deps);
    registerArticleRoutes(app, deps);
    registerArticleEditRoutes(app, deps);
  };
}
