// A supervisor gives another agent a console account, or a new password, on
// /konsol/petugas. The server generates the password (random, one-time: the
// supervisor hands it over in person) and stores only its scrypt hash; the
// password itself is returned once to be shown and is never logged nor
// audited. A new password also switches TOTP off (upsertWebAccount), as the
// CLI's does. Ending the agent's open sessions is the console's part.
import { randomBytes } from "node:crypto";
import { err, ok, type Result } from "../domain/shared/result.ts";
import type { PrismaClient } from "../infra/db.ts";
import { hashPassword, passwordProblem } from "../infra/password.ts";
import { type AuditActor, recordAudit } from "../infra/stores/audit.store.ts";
import { normaliseUsername, upsertWebAccount } from "../infra/stores/web-account.store.ts";

/** not-found: no such agent; exists / none: the agent has (no) account; taken: the user name is another's. */
export type ConsoleAccountError = "not-found" | "self" | "username" | "taken" | "exists" | "none";

/** What to tell the supervisor, in Bahasa Indonesia. */
export const CONSOLE_ACCOUNT_ERROR_TEXT: Record<ConsoleAccountError, string> = {
  "not-found": "Petugas tidak ditemukan.",
  self: "Bapak/Ibu tidak dapat mengatur akun konsol Bapak/Ibu sendiri di sini. Mintalah supervisor lain.",
  username:
    "Nama pengguna harus 3 sampai 32 karakter: huruf kecil, angka, titik, garis bawah, atau tanda hubung.",
  taken: "Nama pengguna tersebut sudah dipakai akun lain. Silakan pilih nama pengguna lain.",
  exists: "Petugas ini sudah memiliki akun konsol. Gunakan tombol Atur ulang kata sandi.",
  none: "Petugas ini belum memiliki akun konsol.",
};

const USERNAME = /^[a-z0-9._-]{3,32}$/u;

/** 18 random bytes: 24 base64url characters (144 bits). */
export function generatePassword(): string {
  const password = randomBytes(18).toString("base64url");
  if (passwordProblem(password)) throw new Error("generated password breaks the rules");
  return password;
}

async function agentOf(prisma: PrismaClient, agentId: string) {
  return prisma.agent.findUnique({
    where: { id: agentId },
    select: {
      id: true,
      name: true,
      role: true,
      telegramUserId: true,
      webAccount: { select: { username: true } },
    },
  });
}

type Done = { agentId: string; username: string; password: string };

export async function createConsoleAccount(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { agentId: string; username: string; at: Date },
): Promise<Result<Done, ConsoleAccountError>> {
  if (actor.type === "AGENT" && actor.agentId === input.agentId) return err("self");
  const username = normaliseUsername(input.username);
  if (!USERNAME.test(username)) return err("username");
  const agent = await agentOf(prisma, input.agentId);
  if (!agent) return err("not-found");
  if (agent.webAccount) return err("exists");
  if (await prisma.webAccount.findUnique({ where: { username }, select: { id: true } })) {
    return err("taken");
  }
  return setPassword(prisma, actor, { ...agent, username }, "console.account_create", input.at);
}

export async function resetConsolePassword(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { agentId: string; at: Date },
): Promise<Result<Done, ConsoleAccountError>> {
  if (actor.type === "AGENT" && actor.agentId === input.agentId) return err("self");
  const agent = await agentOf(prisma, input.agentId);
  if (!agent) return err("not-found");
  if (!agent.webAccount) return err("none");
  const username = agent.webAccount.username;
  return setPassword(prisma, actor, { ...agent, username }, "console.password_reset", input.at);
}

async function setPassword(
  prisma: PrismaClient,
  actor: AuditActor,
  agent: NonNullable<Awaited<ReturnType<typeof agentOf>>> & { username: string },
  action: "console.account_create" | "console.password_reset",
  at: Date,
): Promise<Result<Done, ConsoleAccountError>> {
  const password = generatePassword();
  try {
    await upsertWebAccount(prisma, {
      telegramUserId: agent.telegramUserId,
      name: agent.name,
      role: agent.role,
      username: agent.username,
      passwordHash: await hashPassword(password),
    });
  } catch (e) {
    // The user name taken between the check and the write.
    if ((e as { code?: string }).code === "P2002") return err("taken");
    throw e;
  }
  await recordAudit(prisma, {
    actor,
    action,
    detail: { agentId: agent.id, username: agent.username, via: "console" },
    at,
  });
  return ok({ agentId: agent.id, username: agent.username, password });
}
