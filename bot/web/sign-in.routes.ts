// /konsol/masuk: the password (sign-in.ts), then for an account with TOTP the
// code at /konsol/masuk/kode (sign-in-code.ts). Between the two the browser
// holds only a short-lived pending sign-in (its own cookie, the account's id
// in Redis), not a session: a session starts once every step is passed.
// Telegram Login (/konsol/masuk/telegram) may stand in for the password.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { SESSION_COOKIE, SIGN_IN_PATH } from "./access.ts";
import { codePage } from "./account.page.ts";
import { escapeHtml, signInPage } from "./html.ts";
import { sendHtml } from "./respond.ts";
import { createSessionStore, type SessionStore } from "./session.store.ts";
import { signIn, signInByTelegram } from "./sign-in.ts";
import { signInWithCode } from "./sign-in-code.ts";
import { signInLimit } from "./sign-in-limit.ts";
import { checkTelegramLogin } from "./telegram-login.ts";

export interface SignInRouteDeps {
  prisma: PrismaClient;
  redis: RedisClient;
  prefix: string;
  cipher: Cipher;
  now: () => Date;
  lockout: { attempts: number; durationMs: number };
  /** Attempts per client address and minute, on each form (sign-in-limit.ts). */
  perMinute: number;
  sessions: SessionStore;
  cookie: { path: string; httpOnly: true; secure: boolean; sameSite: "lax" };
  /** Telegram Login (CONSOLE_TELEGRAM_LOGIN_BOT); undefined: off. */
  telegramLogin?: TelegramLoginSettings | undefined;
}

export interface TelegramLoginSettings {
  botUsername: string;
  botToken: string;
  maxAgeMs: number;
}

const CODE_PATH = `${SIGN_IN_PATH}/kode`;
const TELEGRAM_PATH = `${SIGN_IN_PATH}/telegram`;
const PENDING_COOKIE = "konsol_masuk";
/** How long the code may take after the password. */
const PENDING_MS = 5 * 60_000;

const MESSAGES = {
  wrong: "Nama pengguna atau kata sandi salah.",
  locked:
    "Akun Bapak/Ibu dikunci sementara karena terlalu banyak percobaan yang salah. Silakan coba lagi nanti atau hubungi supervisor.",
  inactive: "Akun Bapak/Ibu tidak aktif. Silakan hubungi supervisor.",
  expired: "Waktu memasukkan kode habis. Silakan masuk lagi.",
  code: "Kode salah atau sudah dipakai. Silakan ketik kode yang sedang tampil.",
  telegram:
    "Data masuk dari Telegram tidak sah, sudah dipakai atau kedaluwarsa. Silakan coba lagi.",
  telegramUnknown:
    "Akun Telegram ini tidak terhubung dengan akun konsol. Silakan hubungi supervisor.",
} as const;

// The widget is a script of telegram.org: allowed on the sign-in page only, and only when
// Telegram Login is on (the page and the CSP are otherwise without it).
const WIDGET_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; script-src https://telegram.org; frame-src https://oauth.telegram.org; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const widget = (bot: string) =>
  `<h2>Atau masuk dengan Telegram</h2><script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-login="${escapeHtml(bot)}" data-size="large" data-auth-url="${TELEGRAM_PATH}"></script>`;

export function registerSignInRoutes(app: FastifyInstance, deps: SignInRouteDeps) {
  const pending = createSessionStore({
    redis: deps.redis,
    prefix: deps.prefix,
    idleMs: PENDING_MS,
    kind: "pending",
  });
  const pendingCookie = { ...deps.cookie, path: SIGN_IN_PATH };
  const startSession = async (request: FastifyRequest, reply: FastifyReply, agentId: string) => {
    const old = request.cookies[SESSION_COOKIE];
    if (old) await deps.sessions.destroy(old);
    reply.setCookie(SESSION_COOKIE, await deps.sessions.create(agentId), deps.cookie);
    return reply.redirect("/konsol/tiket", 303);
  };
  const endPending = async (request: FastifyRequest, reply: FastifyReply) => {
    const id = request.cookies[PENDING_COOKIE];
    if (id) await pending.destroy(id);
    reply.clearCookie(PENDING_COOKIE, pendingCookie);
  };
  const refused = (reply: FastifyReply, reason: keyof typeof MESSAGES) =>
    sendHtml(
      reply,
      reason === "locked" ? 429 : 401,
      signInPage(reply.generateCsrf(), MESSAGES[reason]),
    );

  const tg = deps.telegramLogin;
  app.get(SIGN_IN_PATH, { config: { access: "public" } }, (_request, reply) => {
    if (tg) reply.header("content-security-policy", WIDGET_CSP);
    return sendHtml(
      reply,
      200,
      signInPage(reply.generateCsrf(), undefined, tg ? widget(tg.botUsername) : ""),
    );
  });
  /** After the password or Telegram: the session, or the pending sign-in and the code page. */
  const firstStepDone = async (
    request: FastifyRequest,
    reply: FastifyReply,
    result: { agentId: string; accountId: string; needsCode: boolean },
  ) => {
    await endPending(request, reply);
    if (!result.needsCode) return startSession(request, reply, result.agentId);
    reply.setCookie(PENDING_COOKIE, await pending.create(result.accountId), pendingCookie);
    return reply.redirect(CODE_PATH, 303);
  };
  const limited = { access: "public", rateLimit: signInLimit(deps.perMinute) } as const;
  app.post<{ Body: { username?: string; password?: string } }>(
    SIGN_IN_PATH,
    { config: limited, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { username = "", password = "" } = request.body ?? {};
      const result = await signIn(
        deps,
        String(username).slice(0, 100),
        String(password).slice(0, 256),
      );
      if (!result.ok) return refused(reply, result.reason);
      return firstStepDone(request, reply, result);
    },
  );

  // The Telegram Login Widget's callback (telegram-login.ts); each signed set of data works once.
  app.get<{ Querystring: Record<string, unknown> }>(
    TELEGRAM_PATH,
    { config: limited },
    async (request, reply) => {
      if (!tg) return reply.redirect(SIGN_IN_PATH, 303);
      const query = request.query ?? {};
      let checked = checkTelegramLogin(query, { ...tg, now: deps.now() });
      if (checked.ok) {
        const key = `${deps.prefix}:web:telegram-login:${String(query.hash)}`;
        const fresh = await deps.redis.set(key, "1", "PX", tg.maxAgeMs + 60_000, "NX");
        if (fresh !== "OK") checked = { ok: false, reason: "telegram_hash" };
      }
      if (!checked.ok) {
        await recordAudit(deps.prisma, {
          actor: { type: "SYSTEM", name: "console" },
          action: "console.sign_in_failed",
          detail: { reason: checked.reason },
          at: deps.now(),
        });
        return sendHtml(reply, 401, signInPage(reply.generateCsrf(), MESSAGES.telegram));
      }
      const result = await signInByTelegram(deps, checked.telegramUserId);
      if (!result.ok) {
        return result.reason === "wrong"
          ? sendHtml(reply, 401, signInPage(reply.generateCsrf(), MESSAGES.telegramUnknown))
          : refused(reply, result.reason);
      }
      return firstStepDone(request, reply, result);
    },
  );

  const pendingAccount = async (request: FastifyRequest) => {
    const id = request.cookies[PENDING_COOKIE];
    return id ? pending.touch(id) : null;
  };
  app.get(CODE_PATH, { config: { access: "public" } }, async (request, reply) =>
    (await pendingAccount(request))
      ? sendHtml(reply, 200, codePage(reply.generateCsrf()))
      : reply.redirect(SIGN_IN_PATH, 303),
  );
  app.post<{ Body: { kode?: string } }>(
    CODE_PATH,
    { config: limited, preHandler: app.csrfProtection },
    async (request, reply) => {
      const accountId = await pendingAccount(request);
      if (!accountId) return refused(reply, "expired");
      const result = await signInWithCode(
        deps,
        accountId,
        String(request.body?.kode ?? "").slice(0, 20),
      );
      if (result.ok) {
        await endPending(request, reply);
        return startSession(request, reply, result.agentId);
      }
      if (result.reason === "code") {
        return sendHtml(reply, 401, codePage(reply.generateCsrf(), MESSAGES.code));
      }
      await endPending(request, reply);
      return refused(reply, result.reason);
    },
  );
}
