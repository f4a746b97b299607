// Managing the agents (the desk's /agen and the console's /konsol/petugas):
// add or update one by Telegram id, change a role, deactivate or reactivate.
// Each change and its audit entry go in one transaction. Nobody changes their
// own role or deactivates themselves: a supervisor cannot lock the office out
// of its own administration by a slip.

import { err, ok, type Result } from "../domain/shared/result.ts";
import type { AgentRole } from "../domain/ticket/ticket.enums.ts";
import type { Agent, PrismaClient } from "../infra/db.ts";
import { type AuditActor, recordAudit } from "../infra/stores/audit.store.ts";

export type AgentAdminError = "not-found" | "self";

/** What to tell the agent, in Bahasa Indonesia. */
export const AGENT_ADMIN_ERROR_TEXT: Record<AgentAdminError, string> = {
  "not-found": "Petugas tidak ditemukan.",
  self: "Bapak/Ibu tidak dapat mengubah peran atau menonaktifkan akun Bapak/Ibu sendiri. Mintalah supervisor lain.",
};

/** Where the change was made, for the audit trail. */
type Via = "telegram" | "console";

const isSelf = (actor: AuditActor, agentId: string) =>
  actor.type === "AGENT" && actor.agentId === agentId;

/** `/agen tambah`: a new agent, or an existing one (by Telegram id) renamed, re-roled and active. */
export async function saveAgent(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { telegramUserId: number; role: AgentRole; name: string },
): Promise<Agent> {
  return prisma.$transaction(async (tx) => {
    const saved = await tx.agent.upsert({
      where: { telegramUserId: BigInt(input.telegramUserId) },
      create: { telegramUserId: BigInt(input.telegramUserId), name: input.name, role: input.role },
      update: { name: input.name, role: input.role, active: true },
    });
    await recordAudit(tx, {
      actor,
      action: "agent.add",
      detail: { agentId: saved.id, role: input.role },
    });
    return saved;
  });
}

/**
 * The console's "Tambah petugas": like `/agen tambah`, but a Telegram id the
 * desk already knows is refused (the console changes roles on its own form).
 */
export async function addNewAgent(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { telegramUserId: number; role: AgentRole; name: string },
): Promise<Result<Agent, "duplicate">> {
  const known = await prisma.agent.findUnique({
    where: { telegramUserId: BigInt(input.telegramUserId) },
    select: { id: true },
  });
  if (known) return err("duplicate");
  return ok(await saveAgent(prisma, actor, input));
}

export async function changeAgentRole(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { agentId: string; role: AgentRole; via: Via },
): Promise<Result<Agent, AgentAdminError>> {
  if (isSelf(actor, input.agentId)) return err("self");
  return prisma.$transaction(async (tx) => {
    const found = await tx.agent.findUnique({ where: { id: input.agentId } });
    if (!found) return err("not-found" as const);
    if (found.role === input.role) return ok(found);
    const saved = await tx.agent.update({ where: { id: found.id }, data: { role: input.role } });
    await recordAudit(tx, {
      actor,
      action: "agent.role_change",
      detail: { agentId: found.id, from: found.role, to: input.role, via: input.via },
    });
    return ok(saved);
  });
}

/** Deactivated agents cannot act in the desk nor sign in to the console. */
export async function setAgentActive(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { agentId: string; active: boolean; via: Via },
): Promise<Result<Agent, AgentAdminError>> {
  if (isSelf(actor, input.agentId)) return err("self");
  return prisma.$transaction(async (tx) => {
    const found = await tx.agent.findUnique({ where: { id: input.agentId } });
    if (!found) return err("not-found" as const);
    if (found.active === input.active) return ok(found);
    const saved = await tx.agent.update({
      where: { id: found.id },
      data: { active: input.active },
    });
    await recordAudit(tx, {
      actor,
      action: input.active ? "agent.reactivate" : "agent.remove",
      detail: { agentId: found.id, via: input.via },
    });
    return ok(saved);
  });
}
