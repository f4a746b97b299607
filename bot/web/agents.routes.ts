// The agents routes (supervisors, as the desk's /agen): GET /konsol/petugas,
// POST /konsol/petugas/peran (agentId, role) and POST /konsol/petugas/status
// (agentId, active 0|1), both with CSRF, through core/app/agent-admin.ts
// (which audits each change and refuses changes to oneself), and
// POST /konsol/petugas/totp/atur-ulang (agentId, yakin=1): another agent's
// TOTP cleared (core/app/totp-reset.ts) and every session of theirs ended.
import type { FastifyInstance } from "fastify";
import {
  AGENT_ADMIN_ERROR_TEXT,
  changeAgentRole,
  setAgentActive,
} from "../../core/app/agent-admin.ts";
import { resetAgentTotp, TOTP_RESET_ERROR_TEXT } from "../../core/app/totp-reset.ts";
import { AgentRoleSchema } from "../../core/domain/ticket/ticket.enums.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { agentsPage, listAgents } from "./agents.page.ts";
import { agentOf, sendHtml, sendMessage, viewerOf } from "./respond.ts";
import type { SessionStore } from "./session.store.ts";

const SUPERVISOR = ["SUPERVISOR"] as const;
const ERROR_STATUS = { "not-found": 404, self: 403, off: 409 } as const;
const AGENTS_PATH = "/konsol/petugas";
/** The query parameter of the page after a reset: the agent whose TOTP was reset. */
const RESET_DONE = "diatur-ulang";

type Body = { agentId?: string; role?: string; active?: string; yakin?: string };

export function registerAgentRoutes(
  app: FastifyInstance,
  deps: { prisma: PrismaClient; sessions: SessionStore; now: () => Date },
) {
  app.get<{ Querystring: Record<string, string | undefined> }>(
    AGENTS_PATH,
    { config: { access: SUPERVISOR } },
    async (request, reply) =>
      sendHtml(
        reply,
        200,
        agentsPage(
          { ...viewerOf(request, reply), id: agentOf(request).id },
          await listAgents(deps.prisma),
          { totpResetOf: String(request.query?.[RESET_DONE] ?? "") },
        ),
      ),
  );

  const invalid = "Data formulir tidak lengkap atau tidak dikenal. Silakan muat ulang halaman.";

  app.post<{ Body: Body }>(
    "/konsol/petugas/peran",
    { config: { access: SUPERVISOR }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const role = AgentRoleSchema.safeParse(request.body?.role);
      const agentId = String(request.body?.agentId ?? "");
      if (!role.success || !/^[0-9a-f-]{36}$/u.test(agentId)) {
        return sendMessage(request, reply, 400, "Permintaan tidak valid", invalid);
      }
      const actor = { type: "AGENT" as const, agentId: agentOf(request).id };
      const result = await changeAgentRole(deps.prisma, actor, {
        agentId,
        role: role.data,
        via: "console",
      });
      if (!result.ok) {
        const text = AGENT_ADMIN_ERROR_TEXT[result.error];
        return sendMessage(request, reply, ERROR_STATUS[result.error], "Tidak dapat diubah", text);
      }
      return reply.redirect("/konsol/petugas", 303);
    },
  );

  app.post<{ Body: Body }>(
    "/konsol/petugas/status",
    { config: { access: SUPERVISOR }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const active = request.body?.active;
      const agentId = String(request.body?.agentId ?? "");
      if ((active !== "0" && active !== "1") || !/^[0-9a-f-]{36}$/u.test(agentId)) {
        return sendMessage(request, reply, 400, "Permintaan tidak valid", invalid);
      }
      const actor = { type: "AGENT" as const, agentId: agentOf(request).id };
      const result = await setAgentActive(deps.prisma, actor, {
        agentId,
        active: active === "1",
        via: "console",
      });
      if (!result.ok) {
        const text = AGENT_ADMIN_ERROR_TEXT[result.error];
        return sendMessage(request, reply, ERROR_STATUS[result.error], "Tidak dapat diubah", text);
      }
      return reply.redirect("/konsol/petugas", 303);
    },
  );

  app.post<{ Body: Body }>(
    `${AGENTS_PATH}/totp/atur-ulang`,
    { config: { access: SUPERVISOR }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const agentId = String(request.body?.agentId ?? "");
      if (!/^[0-9a-f-]{36}$/u.test(agentId)) {
        return sendMessage(request, reply, 400, "Permintaan tidak valid", invalid);
      }
      if (request.body?.yakin !== "1") {
        const text =
          "Centang konfirmasi terlebih dahulu: kode masuk petugas akan dihapus dan semua sesi konsolnya diakhiri.";
        return sendMessage(request, reply, 400, "Belum dikonfirmasi", text);
      }
      const actor = { type: "AGENT" as const, agentId: agentOf(request).id };
      const result = await resetAgentTotp(deps.prisma, actor, {
        agentId,
        via: "console",
        at: deps.now(),
      });
      if (!result.ok) {
        const text = TOTP_RESET_ERROR_TEXT[result.error];
        return sendMessage(
          request,
          reply,
          ERROR_STATUS[result.error],
          "Tidak dapat diatur ulang",
          text,
        );
      }
      await deps.sessions.destroyAllOf(agentId);
      return reply.redirect(`${AGENTS_PATH}?${RESET_DONE}=${encodeURIComponent(agentId)}`, 303);
    },
  );
}
