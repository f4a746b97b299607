// /konsol/akun: the signed-in agent's own account, where TOTP is switched on
// (a new secret, sealed, in use once a code from it is typed) and off (with a
// current code; not for a role that must use it). These routes, and signing
// out, stay open to an agent whose role must use TOTP and has none yet.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AgentRole } from "../../core/domain/ticket/ticket.enums.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import {
  claimTotpStep,
  disableTotp,
  enableTotp,
  findTotpAccountOfAgent,
  startTotpEnrolment,
  type TotpAccountRow,
} from "../../core/infra/stores/web-account-totp.store.ts";
import { ALL_ROLES } from "./access.ts";
import { accountPage, type TotpView } from "./account.page.ts";
import { agentOf, sendHtml, sendMessage, viewerOf } from "./respond.ts";
import { checkCode, openTotpSecret } from "./sign-in-code.ts";
import { matchTotp, newTotpSecret } from "./totp.ts";

export interface AccountRouteDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  now: () => Date;
  lockout: { attempts: number; durationMs: number };
  totpRequiredRoles: readonly AgentRole[];
}

export const ACCOUNT_PATH = "/konsol/akun";
const OPEN = { access: ALL_ROLES, beforeTotp: true } as const;
type CodeBody = { Body: { kode?: string } };

export function registerAccountRoutes(app: FastifyInstance, deps: AccountRouteDeps) {
  const required = (request: FastifyRequest) =>
    deps.totpRequiredRoles.includes(agentOf(request).role);

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    account: TotpAccountRow,
    message?: { text: string; error?: boolean },
    status = 200,
  ) => {
    const view: TotpView = {
      username: account.username,
      state: account.totpEnabledAt ? "on" : account.totpSecretEnc ? "pending" : "off",
      secret: account.totpEnabledAt ? null : openTotpSecret(deps.cipher, account),
      enabledAt: account.totpEnabledAt,
      required: required(request),
    };
    return sendHtml(reply, status, await accountPage(viewerOf(request, reply), view, message));
  };
  const accountOf = (request: FastifyRequest) =>
    findTotpAccountOfAgent(deps.prisma, agentOf(request).id);
  const noAccount = (request: FastifyRequest, reply: FastifyReply) =>
    sendMessage(request, reply, 404, "Akun tidak ditemukan", "Akun konsol tidak ditemukan.");
  const audit = (request: FastifyRequest, action: string) =>
    recordAudit(deps.prisma, {
      actor: { type: "AGENT", agentId: agentOf(request).id },
      action,
      at: deps.now(),
    });

  app.get(ACCOUNT_PATH, { config: OPEN }, async (request, reply) => {
    const account = await accountOf(request);
    return account ? show(request, reply, account) : noAccount(request, reply);
  });

  app.post(
    `${ACCOUNT_PATH}/totp/mulai`,
    { config: OPEN, preHandler: app.csrfProtection },
    async (request, reply) => {
      const account = await accountOf(request);
      if (!account) return noAccount(request, reply);
      if (account.totpEnabledAt) {
        return show(request, reply, account, { text: "Kode masuk sudah aktif.", error: true }, 409);
      }
      const sealed = deps.cipher.seal(
        newTotpSecret(),
        bound("web_accounts.totp_secret_enc", account.id),
      );
      await startTotpEnrolment(deps.prisma, account.id, sealed);
      return reply.redirect(ACCOUNT_PATH, 303);
    },
  );

  app.post<CodeBody>(
    `${ACCOUNT_PATH}/totp/aktifkan`,
    { config: OPEN, preHandler: app.csrfProtection },
    async (request, reply) => {
      const account = await accountOf(request);
      if (!account) return noAccount(request, reply);
      const secret = account.totpEnabledAt ? null : openTotpSecret(deps.cipher, account);
      if (!secret) return reply.redirect(ACCOUNT_PATH, 303);
      const step = matchTotp(secret, String(request.body?.kode ?? ""), deps.now());
      if (step === null || !(await claimTotpStep(deps.prisma, account.id, step))) {
        const text = "Kode salah. Periksa jam HP Bapak/Ibu lalu ketik kode yang sedang tampil.";
        return show(request, reply, account, { text, error: true }, 400);
      }
      const at = deps.now();
      await enableTotp(deps.prisma, account.id, at);
      await audit(request, "console.totp_enrol");
      return show(request, reply, { ...account, totpEnabledAt: at }, { text: "Kode masuk aktif." });
    },
  );

  app.post<CodeBody>(
    `${ACCOUNT_PATH}/totp/matikan`,
    { config: OPEN, preHandler: app.csrfProtection },
    async (request, reply) => {
      const account = await accountOf(request);
      if (!account?.totpEnabledAt) return reply.redirect(ACCOUNT_PATH, 303);
      if (required(request)) {
        const text = "Peran Bapak/Ibu wajib memakai kode masuk; kode masuk tidak dapat dimatikan.";
        return show(request, reply, account, { text, error: true }, 403);
      }
      const checked = await checkCode(deps, account, String(request.body?.kode ?? ""));
      if (checked !== "ok") {
        const text =
          checked === "locked"
            ? "Terlalu banyak kode yang salah: akun dikunci sementara."
            : "Kode salah atau sudah dipakai.";
        return show(
          request,
          reply,
          account,
          { text, error: true },
          checked === "locked" ? 429 : 400,
        );
      }
      await disableTotp(deps.prisma, account.id);
      await audit(request, "console.totp_disable");
      const off = { ...account, totpEnabledAt: null, totpSecretEnc: null };
      return show(request, reply, off, { text: "Kode masuk dimatikan." });
    },
  );
}
