// The web console's accounts (one per agent): look-up for sign-in, the
// wrong-password counter and lock-out, and creating an account from the CLI.
import type { AgentRole, PrismaClient } from "../db.ts";

export interface WebAccountRow {
  id: string;
  agentId: string;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: Date | null;
  totpEnabledAt: Date | null;
  agent: { id: string; name: string; role: AgentRole; active: boolean };
}

const ACCOUNT_SELECT = {
  id: true,
  agentId: true,
  passwordHash: true,
  failedAttempts: true,
  lockedUntil: true,
  totpEnabledAt: true,
  agent: { select: { id: true, name: true, role: true, active: true } },
} as const;

export function findWebAccount(
  prisma: PrismaClient,
  username: string,
): Promise<WebAccountRow | null> {
  return prisma.webAccount.findUnique({
    where: { username: normaliseUsername(username) },
    select: ACCOUNT_SELECT,
  });
}

/** The console account of the agent with this Telegram user id (Telegram Login). */
export function findWebAccountOfTelegramUser(
  prisma: PrismaClient,
  telegramUserId: bigint,
): Promise<WebAccountRow | null> {
  return prisma.webAccount.findFirst({
    where: { agent: { telegramUserId } },
    select: ACCOUNT_SELECT,
  });
}

export const normaliseUsername = (username: string) => username.trim().toLowerCase();

/** Counts a wrong password; the one that reaches `attempts` locks the account until `lockUntil`. */
export async function recordFailedSignIn(
  prisma: PrismaClient,
  accountId: string,
  attempts: number,
  lockUntil: Date,
): Promise<{ locked: boolean }> {
  const row = await prisma.webAccount.update({
    where: { id: accountId },
    data: { failedAttempts: { increment: 1 } },
    select: { failedAttempts: true },
  });
  if (row.failedAttempts < attempts) return { locked: false };
  await prisma.webAccount.update({
    where: { id: accountId },
    data: { failedAttempts: 0, lockedUntil: lockUntil },
  });
  return { locked: true };
}

export async function recordSignIn(prisma: PrismaClient, accountId: string, at: Date) {
  await prisma.webAccount.update({
    where: { id: accountId },
    data: { failedAttempts: 0, lockedUntil: null, lastSignInAt: at },
  });
}

/**
 * Gives the agent with this Telegram user id (created with `name` and `role`
 * when the desk does not know them yet) a console account, or a new password.
 */
export async function upsertWebAccount(
  prisma: PrismaClient,
  input: {
    telegramUserId: bigint;
    name: string;
    role: AgentRole;
    username: string;
    passwordHash: string;
  },
): Promise<{ agentId: string; created: boolean }> {
  return prisma.$transaction(async (tx) => {
    const agent = await tx.agent.upsert({
      where: { telegramUserId: input.telegramUserId },
      create: { telegramUserId: input.telegramUserId, name: input.name, role: input.role },
      update: {},
      select: { id: true },
    });
    const username = normaliseUsername(input.username);
    const existing = await tx.webAccount.findUnique({ where: { agentId: agent.id } });
    await tx.webAccount.upsert({
      where: { agentId: agent.id },
      create: { agentId: agent.id, username, passwordHash: input.passwordHash },
      // A new password from the server also switches TOTP off: the way back for a lost phone.
      update: {
        username,
        passwordHash: input.passwordHash,
        failedAttempts: 0,
        lockedUntil: null,
        totpSecretEnc: null,
        totpEnabledAt: null,
        totpLastStep: null,
      },
    });
    return { agentId: agent.id, created: existing === null };
  });
}
