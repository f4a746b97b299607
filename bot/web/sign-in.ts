// Signing in to the console: the password checked against the account's
// scrypt hash, wrong passwords counted, the account locked after
// CONSOLE_LOCKOUT_ATTEMPTS of them in a row, and every attempt in the audit
// log (ids and a reason only: never the user name typed or the password).
import type { PrismaClient } from "../../core/infra/db.ts";
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword } from "../../core/infra/password.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import {
  findWebAccount,
  recordFailedSignIn,
  recordSignIn,
} from "../../core/infra/stores/web-account.store.ts";

export interface SignInDeps {
  prisma: PrismaClient;
  now: () => Date;
  lockout: { attempts: number; durationMs: number };
}

export type SignInResult =
  | { ok: true; agentId: string }
  | { ok: false; reason: "wrong" | "locked" | "inactive" };

// Checked against when the user name is unknown, so that answer takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function signIn(
  deps: SignInDeps,
  username: string,
  password: string,
): Promise<SignInResult> {
  const { prisma } = deps;
  const now = deps.now();
  const account = username ? await findWebAccount(prisma, username) : null;
  if (!account) {
    dummyHash ??= hashPassword("no account has this password", DEFAULT_SCRYPT_COST);
    await verifyPassword(password, await dummyHash);
    await recordAudit(prisma, {
      actor: { type: "SYSTEM", name: "console" },
      action: "console.sign_in_failed",
      detail: { reason: "unknown_account" },
      at: now,
    });
    return { ok: false, reason: "wrong" };
  }
  const actor = { type: "AGENT", agentId: account.agentId } as const;
  const fail = async (reason: "wrong" | "locked" | "inactive", extra = {}) => {
    await recordAudit(prisma, {
      actor,
      action: "console.sign_in_failed",
      detail: { reason, ...extra },
      at: now,
    });
    return { ok: false, reason } as const;
  };
  if (account.lockedUntil && account.lockedUntil > now) return fail("locked");
  if (!(await verifyPassword(password, account.passwordHash))) {
    const lockUntil = new Date(now.getTime() + deps.lockout.durationMs);
    const { locked } = await recordFailedSignIn(
      prisma,
      account.id,
      deps.lockout.attempts,
      lockUntil,
    );
    if (locked) {
      await recordAudit(prisma, {
        actor,
        action: "console.account_locked",
        detail: { until: lockUntil.toISOString() },
        at: now,
      });
      return { ok: false, reason: "locked" };
    }
    return fail("wrong");
  }
  if (!account.agent.active) return fail("inactive");
  await recordSignIn(prisma, account.id, now);
  await recordAudit(prisma, { actor, action: "console.sign_in", at: now });
  return { ok: true, agentId: account.agentId };
}

export async function recordSignOut(prisma: PrismaClient, agentId: string, at: Date) {
  await recordAudit(prisma, { actor: { type: "AGENT", agentId }, action: "console.sign_out", at });
}
