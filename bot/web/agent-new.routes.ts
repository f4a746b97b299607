// Adding agents and console accounts on /konsol/petugas (supervisors, CSRF):
// POST /konsol/petugas/tambah (telegramUserId, name, role) through saveAgent
// as the desk's /agen; POST /konsol/petugas/akun (agentId, username) and
// POST /konsol/petugas/kata-sandi (agentId, yakin=1) through
// core/app/console-account.ts. The generated password is shown once, on a
// page the browser must not store; a reset ends every session of the agent.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { addNewAgent } from "../../core/app/agent-admin.ts";
import {
  CONSOLE_ACCOUNT_ERROR_TEXT,
  type ConsoleAccountError,
  createConsoleAccount,
  resetConsolePassword,
} from "../../core/app/console-account.ts";
import type { Result } from "../../core/domain/shared/result.ts";
import { AgentRoleSchema } from "../../core/domain/ticket/ticket.enums.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { passwordShownPage } from "./agent-new.page.ts";
import { agentOf, sendHtml, sendMessage, viewerOf } from "./respond.ts";
import type { SessionStore } from "./session.store.ts";

const SUPERVISOR = ["SUPERVISOR"] as const;
const STATUS: Record<ConsoleAccountError, number> = {
  "not-found": 404,
  self: 403,
  username: 400,
  taken: 409,
  exists: 409,
  none: 409,
};
const INVALID = "Data formulir tidak lengkap atau tidak dikenal. Silakan muat ulang halaman.";
const UUID = /^[0-9a-f-]{36}$/u;

type Body = {
  agentId?: string;
  telegramUserId?: string;
  name?: string;
  role?: string;
  username?: string;
  yakin?: string;
};

export function registerAgentNewRoutes(
  app: FastifyInstance,
  deps: { prisma: PrismaClient; sessions: SessionStore; now: () => Date },
) {
  const actorOf = (request: FastifyRequest) => ({
    type: "AGENT" as const,
    agentId: agentOf(request).id,
  });
  const opts = { config: { access: SUPERVISOR }, preHandler: app.csrfProtection };

  app.post<{ Body: Body }>("/konsol/petugas/tambah", opts, async (request, reply) => {
    const telegramId = String(request.body?.telegramUserId ?? "").trim();
    const name = String(request.body?.name ?? "").trim();
    const role = AgentRoleSchema.safeParse(request.body?.role);
    const id = Number(telegramId);
    if (!/^\d{1,16}$/u.test(telegramId) || !Number.isSafeInteger(id) || id === 0 || !role.success) {
      const text =
        "ID pengguna Telegram harus berupa angka (bukan @nama pengguna), dan peran harus dipilih.";
      return sendMessage(request, reply, 400, "Permintaan tidak valid", text);
    }
    if (name.length === 0 || name.length > 100) {
      const text = "Nama petugas wajib diisi (paling banyak 100 karakter).";
      return sendMessage(request, reply, 400, "Permintaan tidak valid", text);
    }
    const result = await addNewAgent(deps.prisma, actorOf(request), {
      telegramUserId: id,
      role: role.data,
      name,
    });
    if (!result.ok) {
      const text =
        "ID pengguna Telegram tersebut sudah terdaftar sebagai petugas. Ubah peran atau status petugas itu di daftar petugas.";
      return sendMessage(request, reply, 409, "Sudah terdaftar", text);
    }
    return reply.redirect("/konsol/petugas", 303);
  });

  const shown = (
    request: FastifyRequest,
    reply: FastifyReply,
    result: Result<{ agentId: string; username: string; password: string }, ConsoleAccountError>,
    name: string,
    created: boolean,
  ) => {
    if (!result.ok) {
      const text = CONSOLE_ACCOUNT_ERROR_TEXT[result.error];
      return sendMessage(request, reply, STATUS[result.error], "Tidak dapat diproses", text);
    }
    // The one-time password: not kept by the browser nor any proxy.
    reply.header("cache-control", "no-store");
    const page = passwordShownPage(viewerOf(request, reply), { ...result.value, name, created });
    return sendHtml(reply, 200, page);
  };
  const nameOf = async (agentId: string) =>
    (await deps.prisma.agent.findUnique({ where: { id: agentId }, select: { name: true } }))
      ?.name ?? "";

  app.post<{ Body: Body }>("/konsol/petugas/akun", opts, async (request, reply) => {
    const agentId = String(request.body?.agentId ?? "");
    if (!UUID.test(agentId)) {
      return sendMessage(request, reply, 400, "Permintaan tidak valid", INVALID);
    }
    const result = await createConsoleAccount(deps.prisma, actorOf(request), {
      agentId,
      username: String(request.body?.username ?? ""),
      at: deps.now(),
    });
    return shown(request, reply, result, await nameOf(agentId), true);
  });

  app.post<{ Body: Body }>("/konsol/petugas/kata-sandi", opts, async (request, reply) => {
    const agentId = String(request.body?.agentId ?? "");
    if (!UUID.test(agentId)) {
      return sendMessage(request, reply, 400, "Permintaan tidak valid", INVALID);
    }
    if (request.body?.yakin !== "1") {
      const text =
        "Centang konfirmasi terlebih dahulu: kata sandi lama tidak berlaku lagi dan semua sesi konsol petugas diakhiri.";
      return sendMessage(request, reply, 400, "Belum dikonfirmasi", text);
    }
    const result = await resetConsolePassword(deps.prisma, actorOf(request), {
      agentId,
      at: deps.now(),
    });
    if (result.ok) await deps.sessions.destroyAllOf(agentId);
    return shown(request, reply, result, await nameOf(agentId), false);
  });
}
