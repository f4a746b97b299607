// The agents routes (supervisors, as the desk's /agen): GET /konsol/petugas,
// POST /konsol/petugas/peran (agentId, role) and POST /konsol/petugas/status
// (agentId, active 0|1), both with CSRF, through core/app/agent-admin.ts
// (which audits each change and refuses changes to oneself).
import type { FastifyInstance } from "fastify";
import {
  AGENT_ADMIN_ERROR_TEXT,
  changeAgentRole,
  setAgentActive,
} from "../../core/app/agent-admin.ts";
import { AgentRoleSchema } from "../../core/domain/ticket/ticket.enums.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { agentsPage, listAgents } from "./agents.page.ts";
import { agentOf, sendHtml, sendMessage, viewerOf } from "./respond.ts";

const SUPERVISOR = ["SUPERVISOR"] as const;
const ERROR_STATUS = { "not-found": 404, self: 403 } as const;

type Body = { agentId?: string; role?: string; active?: string };

export function registerAgentRoutes(app: FastifyInstance, deps: { prisma: PrismaClient }) {
  app.get("/konsol/petugas", { config: { access: SUPERVISOR } }, async (request, reply) =>
    sendHtml(
      reply,
      200,
      agentsPage(
        { ...viewerOf(request, reply), id: agentOf(request).id },
        await listAgents(deps.prisma),
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
}
