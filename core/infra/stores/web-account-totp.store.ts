// The console account's TOTP (bot/web/totp.ts): the sealed secret from
// enrolment, switched on once confirmed with a code, and the last step whose
// code was accepted, so that no code is accepted twice.
import type { PrismaClient } from "../db.ts";
import type { Tx } from "./tx.ts";

export interface TotpAccountRow {
  id: string;
  agentId: string;
  username: string;
  lockedUntil: Date | null;
  totpSecretEnc: Uint8Array | null;
  totpEnabledAt: Date | null;
  agent: { active: boolean };
}

const SELECT = {
  id: true,
  agentId: true,
  username: true,
  lockedUntil: true,
  totpSecretEnc: true,
  totpEnabledAt: true,
  agent: { select: { active: true } },
} as const;

export const findTotpAccount = (prisma: PrismaClient, accountId: string) =>
  prisma.webAccount.findUnique({ where: { id: accountId }, select: SELECT });

export const findTotpAccountOfAgent = (prisma: PrismaClient, agentId: string) =>
  prisma.webAccount.findUnique({ where: { agentId }, select: SELECT });

/** A new secret, not in use until confirmed (`enableTotp`). */
export async function startTotpEnrolment(
  prisma: PrismaClient,
  accountId: string,
  sealed: Uint8Array<ArrayBuffer>,
) {
  await prisma.webAccount.update({
    where: { id: accountId },
    data: { totpSecretEnc: sealed, totpEnabledAt: null, totpLastStep: null },
  });
}

export async function enableTotp(prisma: PrismaClient, accountId: string, at: Date) {
  await prisma.webAccount.update({ where: { id: accountId }, data: { totpEnabledAt: at } });
}

/** Secret, switch and last step cleared: the password alone signs in (switching off, a reset). */
export async function disableTotp(tx: Tx, accountId: string) {
  await tx.webAccount.update({
    where: { id: accountId },
    data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null },
  });
}

/** True once per step: a later (or the first) step is recorded, the same or an earlier one refused. */
export async function claimTotpStep(
  prisma: PrismaClient,
  accountId: string,
  step: number,
): Promise<boolean> {
  const { count } = await prisma.webAccount.updateMany({
    where: { id: accountId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}
