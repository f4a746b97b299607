// The second sign-in step of an account with TOTP: after the right password
// (sign-in.ts) the 6-digit code of the agent's authenticator app. A wrong
// code counts toward the same lock-out as a wrong password; a code already
// accepted once is refused (its step is recorded).
import type { Cipher } from "../../core/infra/crypto.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import {
  claimTotpStep,
  findTotpAccount,
  type TotpAccountRow,
} from "../../core/infra/stores/web-account-totp.store.ts";
import {
  completeSignIn,
  countWrongAttempt,
  refuseSignIn,
  type SignInDeps,
  type SignInFailure,
} from "./sign-in.ts";
import { matchTotp } from "./totp.ts";

export type CodeResult =
  | { ok: true; agentId: string }
  | { ok: false; reason: SignInFailure | "code" | "expired" };

/** The account's TOTP secret, opened (bound to its row). */
export const openTotpSecret = (
  cipher: Cipher,
  account: Pick<TotpAccountRow, "id" | "totpSecretEnc">,
) =>
  account.totpSecretEnc
    ? cipher.openText(
        Buffer.from(account.totpSecretEnc),
        bound("web_accounts.totp_secret_enc", account.id),
      )
    : null;

/**
 * Whether `code` is the account's current one and not used before; a wrong
 * one is counted (and may lock the account).
 */
export async function checkCode(
  deps: SignInDeps & { cipher: Cipher },
  account: TotpAccountRow,
  code: string,
): Promise<"ok" | "code" | "locked"> {
  const secret = openTotpSecret(deps.cipher, account);
  const step = secret ? matchTotp(secret, code, deps.now()) : null;
  if (step !== null && (await claimTotpStep(deps.prisma, account.id, step))) return "ok";
  const { locked } = await countWrongAttempt(deps, account, "totp");
  return locked ? "locked" : "code";
}

export async function signInWithCode(
  deps: SignInDeps & { cipher: Cipher },
  accountId: string,
  code: string,
): Promise<CodeResult> {
  const account = await findTotpAccount(deps.prisma, accountId);
  if (!account?.totpEnabledAt) return { ok: false, reason: "expired" };
  if (account.lockedUntil && account.lockedUntil > deps.now()) {
    await refuseSignIn(deps, account.agentId, "locked");
    return { ok: false, reason: "locked" };
  }
  if (!account.agent.active) {
    await refuseSignIn(deps, account.agentId, "inactive");
    return { ok: false, reason: "inactive" };
  }
  const checked = await checkCode(deps, account, code);
  if (checked !== "ok") return { ok: false, reason: checked };
  await completeSignIn(deps, account, { totp: true });
  return { ok: true, agentId: account.agentId };
}
