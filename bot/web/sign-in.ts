// Signing in to the console: the password checked against the account's
// scrypt hash, wrong passwords (and wrong TOTP codes, sign-in-code.ts)
// counted, the account locked after CONSOLE_LOCKOUT_ATTEMPTS of them in a
// row, and every attempt in the audit log (ids and a reason only: never the
// user name typed, the password or the code).
import type { PrismaClient } from "../../core/infra/db.ts";
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword } from "../../core/infra/password.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import {
  findWebAccount,
  findWebAccountOfTelegramUser,
  recordFailedSignIn,
  recordSignIn,
  type WebAccountRow,
} from "../../core/infra/stores/web-account.store.ts";

export interface SignInDeps {
  prisma: PrismaClient;
  now: () => Date;
  lockout: { attempts: number; durationMs: number };
}

export type SignInFailure = "wrong" | "locked" | "inactive";

/** `needsCode`: the password was right, the account's TOTP code comes next (not signed in yet). */
export type SignInResult =
  | { ok: true; agentId: string; accountId: string; needsCode: boolean }
  | { ok: false; reason: SignInFailure };

// Checked against when the user name is unknown, so that answer takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

const agentActor = (agentId: string) => ({ type: "AGENT", agentId }) as const;

export async function refuseSignIn(
  deps: SignInDeps,
  agentId: string,
  reason: SignInFailure | "totp",
) {
  await recordAudit(deps.prisma, {
    actor: agentActor(agentId),
    action: "console.sign_in_failed",
    detail: { reason },
    at: deps.now(),
  });
}

/** A wrong password or code: counted, audited; the one that reaches the limit locks the account. */
export async function countWrongAttempt(
  deps: SignInDeps,
  account: { id: string; agentId: string },
  reason: "wrong" | "totp",
): Promise<{ locked: boolean }> {
  const now = deps.now();
  const lockUntil = new Date(now.getTime() + deps.lockout.durationMs);
  const { locked } = await recordFailedSignIn(
    deps.prisma,
    account.id,
    deps.lockout.attempts,
    lockUntil,
  );
  if (locked) {
    await recordAudit(deps.prisma, {
      actor: agentActor(account.agentId),
      action: "console.account_locked",
      detail: { until: lockUntil.toISOString(), reason },
      at: now,
    });
  } else {
    await refuseSignIn(deps, account.agentId, reason);
  }
  return { locked };
}

/** Every step passed: the counter reset, the sign-in audited. */
export async function completeSignIn(
  deps: SignInDeps,
  account: { id: string; agentId: string },
  detail?: Record<string, string | boolean>,
) {
  const now = deps.now();
  await recordSignIn(deps.prisma, account.id, now);
  await recordAudit(deps.prisma, {
    actor: agentActor(account.agentId),
    action: "console.sign_in",
    ...(detail ? { detail } : {}),
    at: now,
  });
}

export async function signIn(
  deps: SignInDeps,
  username: string,
  password: string,
): Promise<SignInResult> {
  const { prisma } = deps;
  const account = username ? await findWebAccount(prisma, username) : null;
  if (!account) {
    dummyHash ??= hashPassword("no account has this password", DEFAULT_SCRYPT_COST);
    await verifyPassword(password, await dummyHash);
    await recordAudit(prisma, {
      actor: { type: "SYSTEM", name: "console" },
      action: "console.sign_in_failed",
      detail: { reason: "unknown_account" },
      at: deps.now(),
    });
    return { ok: false, reason: "wrong" };
  }
  const fail = async (reason: SignInFailure) => {
    await refuseSignIn(deps, account.agentId, reason);
    return { ok: false, reason } as const;
  };
  if (account.lockedUntil && account.lockedUntil > deps.now()) return fail("locked");
  if (!(await verifyPassword(password, account.passwordHash))) {
    const { locked } = await countWrongAttempt(deps, account, "wrong");
    return { ok: false, reason: locked ? "locked" : "wrong" };
  }
  if (!account.agent.active) return fail("inactive");
  return firstStepPassed(deps, account);
}

/** Past the password (or Telegram): signed in, or on to the TOTP code. */
async function firstStepPassed(
  deps: SignInDeps,
  account: WebAccountRow,
  detail?: Record<string, string>,
): Promise<SignInResult> {
  const ids = { agentId: account.agentId, accountId: account.id };
  // The wrong-attempt count stays until the code is right too, so the code cannot be guessed
  // without end by someone who knows the password.
  if (account.totpEnabledAt) return { ok: true, ...ids, needsCode: true };
  await completeSignIn(deps, account, detail);
  return { ok: true, ...ids, needsCode: false };
}

/**
 * Telegram Login (checked by telegram-login.ts) in place of the password: the
 * active agent with this Telegram user id and a console account; lock-out and
 * TOTP apply as after a password.
 */
export async function signInByTelegram(
  deps: SignInDeps,
  telegramUserId: bigint,
): Promise<SignInResult> {
  const account = await findWebAccountOfTelegramUser(deps.prisma, telegramUserId);
  if (!account) {
    await recordAudit(deps.prisma, {
      actor: { type: "SYSTEM", name: "console" },
      action: "console.sign_in_failed",
      detail: { reason: "unknown_account", via: "telegram" },
      at: deps.now(),
    });
    return { ok: false, reason: "wrong" };
  }
  const reason =
    account.lockedUntil && account.lockedUntil > deps.now()
      ? "locked"
      : account.agent.active
        ? null
        : "inactive";
  if (reason) {
    await refuseSignIn(deps, account.agentId, reason);
    return { ok: false, reason };
  }
  return firstStepPassed(deps, account, { via: "telegram" });
}

export async function recordSignOut(prisma: PrismaClient, agentId: string, at: Date) {
  await recordAudit(prisma, { actor: agentActor(agentId), action: "console.sign_out", at });
}
