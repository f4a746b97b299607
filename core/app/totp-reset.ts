// A supervisor resets another agent's TOTP (the agent lost their phone): the
// secret, the switch and the last step cleared, so the password alone signs
// in again (or, for a role that must use TOTP, leads to enrolment), and the
// audit entry, in one transaction. Nobody resets their own this way: their
// own is switched off on /konsol/akun with a current code. Ending the agent's
// open sessions is the console's part (bot/web/agents.routes.ts).
import { err, ok, type Result } from "../domain/shared/result.ts";
import type { PrismaClient } from "../infra/db.ts";
import { type AuditActor, recordAudit } from "../infra/stores/audit.store.ts";
import { disableTotp } from "../infra/stores/web-account-totp.store.ts";

/** not-found: no such agent or no console account; off: TOTP is not on. */
export type TotpResetError = "not-found" | "self" | "off";

/** What to tell the supervisor, in Bahasa Indonesia. */
export const TOTP_RESET_ERROR_TEXT: Record<TotpResetError, string> = {
  "not-found": "Petugas atau akun konsolnya tidak ditemukan.",
  self: "Bapak/Ibu tidak dapat mengatur ulang verifikasi dua langkah akun Bapak/Ibu sendiri di sini. Silakan gunakan halaman Akun, atau mintalah supervisor lain.",
  off: "Verifikasi dua langkah (kode masuk) petugas ini tidak aktif; tidak ada yang perlu diatur ulang.",
};

export async function resetAgentTotp(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { agentId: string; via: "console"; at: Date },
): Promise<Result<{ agentId: string }, TotpResetError>> {
  if (actor.type === "AGENT" && actor.agentId === input.agentId) return err("self");
  return prisma.$transaction(async (tx) => {
    const account = await tx.webAccount.findUnique({
      where: { agentId: input.agentId },
      select: { id: true, totpEnabledAt: true },
    });
    if (!account) return err("not-found" as const);
    if (!account.totpEnabledAt) return err("off" as const);
    await disableTotp(tx, account.id);
    await recordAudit(tx, {
      actor,
      action: "console.totp_reset",
      detail: { agentId: input.agentId, via: input.via },
      at: input.at,
    });
    return ok({ agentId: input.agentId });
  });
}
