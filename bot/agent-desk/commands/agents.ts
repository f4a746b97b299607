// /agen: supervisors list, add (tambah <telegram id> <PERAN> <nama>) and
// remove (hapus <telegram id>, also out of the group) agents. The first
// supervisor is added by TELEGRAM_SUPERVISOR_CHAT_ID while there is none.
import {
  AGENT_ADMIN_ERROR_TEXT,
  saveAgent,
  setAgentActive,
} from "../../../core/app/agent-admin.ts";
import { DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import type { Agent, AgentRole } from "../../../core/infra/db.ts";
import { recordAudit } from "../../../core/infra/stores/audit.store.ts";
import { escapeHtml } from "../../telegram/telegram.render.ts";
import { firstWord } from "../desk.commands.ts";
import type { DeskContext, GeneralCommand } from "../desk.context.ts";
import { agentRemovedText, removeFromGroup } from "../desk.members.ts";

const AGENT_ROLES: readonly AgentRole[] = [
  "HELPDESK",
  "VERIFIKATOR",
  "ADMIN",
  "ANALIS",
  "SUPERVISOR",
];

/** "123456789 HELPDESK Budi Santoso": null unless an id, a known role (any case) and a name. */
export function parseAgentAdd(
  rest: string,
): { telegramUserId: number; role: AgentRole; name: string } | null {
  const parts = firstWord(rest);
  const role = firstWord(parts.rest);
  const telegramUserId = Number(parts.word);
  const roleId = role.word.toUpperCase() as AgentRole;
  if (!Number.isSafeInteger(telegramUserId) || !AGENT_ROLES.includes(roleId) || !role.rest) {
    return null;
  }
  return { telegramUserId, role: roleId, name: role.rest.slice(0, 100) };
}

/** `agent` null: someone not (yet) an agent, allowed only as the bootstrap supervisor. */
export async function manageAgents(
  ctx: DeskContext,
  agent: Agent | null,
  args: string,
  reply: (html: string) => Promise<unknown>,
  fromId?: number,
) {
  const { prisma } = ctx;
  const e = escapeHtml;
  const bootstrap =
    agent === null &&
    fromId !== undefined &&
    ctx.deps.bootstrapSupervisorId === String(fromId) &&
    (await prisma.agent.count({ where: { role: "SUPERVISOR", active: true } })) === 0;
  if (!bootstrap && agent?.role !== "SUPERVISOR") {
    await reply(e(DESK_TEXT.notAllowed("mengelola petugas")));
    return;
  }
  const actor = agent
    ? { type: "AGENT" as const, agentId: agent.id }
    : { type: "SYSTEM" as const, name: "bootstrap" };
  const { word, rest } = firstWord(args);
  switch (word.toLowerCase()) {
    case "tambah": {
      const add = parseAgentAdd(rest);
      if (!add) {
        await reply(e(DESK_TEXT.needsArgument("/agen tambah 123456789 HELPDESK Budi Santoso")));
        return;
      }
      const saved = await saveAgent(prisma, actor, add);
      await reply(e(DESK_TEXT.agentAdded(saved.name, add.role)));
      return;
    }
    case "hapus": {
      const target = Number(firstWord(rest).word);
      const found = Number.isSafeInteger(target)
        ? await prisma.agent.findUnique({ where: { telegramUserId: BigInt(target) } })
        : null;
      if (!found) {
        await reply(e(DESK_TEXT.agentNotFound));
        return;
      }
      const deactivated = await setAgentActive(prisma, actor, {
        agentId: found.id,
        active: false,
        via: "telegram",
      });
      if (!deactivated.ok) {
        await reply(e(AGENT_ADMIN_ERROR_TEXT[deactivated.error]));
        return;
      }
      const removed = await removeFromGroup(ctx.api, ctx.chatId, Number(found.telegramUserId));
      await recordAudit(prisma, {
        actor,
        action: "agent.group_remove",
        detail: { agentId: found.id, removedFromGroup: removed },
      });
      await reply(e(agentRemovedText(found.name, removed)));
      return;
    }
    default: {
      const all = await prisma.agent.findMany({
        where: { active: true },
        orderBy: { name: "asc" },
      });
      await reply(
        e(
          all.length
            ? [
                DESK_TEXT.agentsList,
                ...all.map((a) => `• ${a.name} — ${a.role} (id ${a.telegramUserId})`),
              ].join("\n")
            : DESK_TEXT.agentsEmpty,
        ),
      );
    }
  }
}

const agen: GeneralCommand = (ctx, { agent, args, reply }) => manageAgents(ctx, agent, args, reply);

export const agentCommands = { agen } satisfies Record<string, GeneralCommand>;
