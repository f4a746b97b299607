// Who may open each console route. Every route states it in its config
// (`access`): "public", or the roles allowed. One hook enforces it for all,
// and a route without the statement stops the server from starting, so no
// page is open by being forgotten.
import type { FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import type { AgentRole } from "../../core/domain/ticket/ticket.enums.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { messagePage } from "./html.ts";
import type { SessionStore } from "./session.store.ts";

export type Access = "public" | readonly AgentRole[];
export const ALL_ROLES: readonly AgentRole[] = [
  "HELPDESK",
  "VERIFIKATOR",
  "ADMIN",
  "ANALIS",
  "SUPERVISOR",
];
export const SESSION_COOKIE = "konsol_sesi";
export const SIGN_IN_PATH = "/konsol/masuk";

export interface SignedInAgent {
  id: string;
  name: string;
  role: AgentRole;
  sessionId: string;
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    /** Open to an agent whose role must use TOTP and has not switched it on yet. */
    beforeTotp?: boolean;
  }
  interface FastifyRequest {
    agent?: SignedInAgent;
  }
}

export function requireAccessStatement(route: RouteOptions) {
  // HEAD routes Fastify adds for GET ones share the GET route's config.
  if (!route.config?.access) {
    throw new Error(`Console route ${String(route.method)} ${route.url} states no access`);
  }
}

/** Where an agent whose role must use TOTP is sent until it is on (bot/web/account.routes.ts). */
const ENROL_PATH = "/konsol/akun";

export function accessHook(deps: {
  prisma: PrismaClient;
  sessions: SessionStore;
  /** Roles that must sign in with a TOTP code (CONSOLE_TOTP_REQUIRED_SUPERVISOR). */
  requiredRoles: readonly AgentRole[];
}) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (access === "public") return;
    const sessionId = request.cookies[SESSION_COOKIE];
    const agentId = sessionId ? await deps.sessions.touch(sessionId) : null;
    const agent = agentId
      ? await deps.prisma.agent.findUnique({
          where: { id: agentId },
          select: {
            id: true,
            name: true,
            role: true,
            active: true,
            webAccount: { select: { totpEnabledAt: true } },
          },
        })
      : null;
    if (!sessionId || !agent?.active) {
      if (request.method === "GET") return reply.redirect(SIGN_IN_PATH, 303);
      return reply
        .code(401)
        .type("text/html; charset=utf-8")
        .send(messagePage("Belum masuk", "Silakan masuk terlebih dahulu."));
    }
    if (!access?.includes(agent.role)) {
      return reply
        .code(403)
        .type("text/html; charset=utf-8")
        .send(messagePage("Tidak diizinkan", "Peran Bapak/Ibu tidak dapat membuka halaman ini."));
    }
    request.agent = { id: agent.id, name: agent.name, role: agent.role, sessionId };
    const mustEnrol = deps.requiredRoles.includes(agent.role) && !agent.webAccount?.totpEnabledAt;
    if (mustEnrol && !request.routeOptions.config.beforeTotp) {
      if (request.method === "GET") return reply.redirect(ENROL_PATH, 303);
      return reply
        .code(403)
        .type("text/html; charset=utf-8")
        .send(messagePage("Kode masuk wajib", "Silakan aktifkan kode masuk di halaman Akun."));
    }
  };
}
