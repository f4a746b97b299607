// The admin credentials (ADMIN_TOKEN) in front of the admin pages. HTTP Basic
// lets a browser log in (any user name, the token as password); scripts may
// send `Authorization: Bearer <token>` instead. Credentials only ever travel
// in that header, never in a URL, so they stay out of access logs and history.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Route } from "./health-server.ts";
import type { Logger } from "./logger.ts";

export const ADMIN_REALM = "LPSE Helpdesk";

/**
 * Constant-time comparison. Both sides are hashed first, so the buffers given
 * to timingSafeEqual always have the same length and the time taken says
 * nothing about the token's length or any common prefix.
 */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** The secret carried by an Authorization header: a Basic password or a Bearer token. */
export function presentedSecret(header: string | undefined): string | undefined {
  const match = /^\s*(basic|bearer)\s+(\S+)\s*$/i.exec(header ?? "");
  const scheme = match?.[1]?.toLowerCase();
  const value = match?.[2];
  if (!scheme || !value) return undefined;
  if (scheme === "bearer") return value;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  // The user name is ignored; the password (which may hold colons) is the token.
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

export function isAuthorized(req: IncomingMessage, adminToken: string): boolean {
  const secret = presentedSecret(req.headers.authorization);
  return secret !== undefined && tokenMatches(secret, adminToken);
}

/** `/admin/queues` and everything below it, but not `/admin/queuesX`. */
export function underPath(url: string | undefined, basePath: string): boolean {
  const path = new URL(url ?? "/", "http://local").pathname;
  return path === basePath || path.startsWith(`${basePath}/`);
}

/**
 * A route that owns every request under `basePath` and hands it to `handler`
 * only with valid admin credentials. Without ADMIN_TOKEN the pages stay shut:
 * an open queue dashboard would let anyone delete or replay jobs.
 */
export function adminRoute(opts: {
  basePath: string;
  adminToken: string | undefined;
  logger: Logger;
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
}): Route {
  const { basePath, adminToken, logger } = opts;
  return async (req, res) => {
    if (!underPath(req.url, basePath)) return false;
    if (!adminToken) {
      sendText(
        res,
        503,
        `${basePath} is disabled: set ADMIN_TOKEN (at least 24 characters) to enable it.\n` +
          `${basePath} dinonaktifkan: isi ADMIN_TOKEN (minimal 24 karakter) untuk mengaktifkannya.\n`,
      );
      return true;
    }
    if (!isAuthorized(req, adminToken)) {
      // A browser's first request carries no credentials: that is the login
      // prompt, not an attack, so only wrong credentials are worth a warning.
      if (req.headers.authorization) {
        logger.warn(
          { path: basePath, remoteAddress: req.socket.remoteAddress },
          "Admin login refused: wrong credentials",
        );
      }
      res.setHeader("www-authenticate", `Basic realm="${ADMIN_REALM}", charset="UTF-8"`);
      sendText(res, 401, "Authentication required: password = ADMIN_TOKEN.\n");
      return true;
    }
    await opts.handler(req, res);
    return true;
  };
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(text);
}
