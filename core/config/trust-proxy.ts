// HTTP_TRUST_PROXY: which proxies may tell the HTTP server the client's
// address (X-Forwarded-For), as Fastify's `trustProxy` takes them. "off": none,
// the socket's address is the client's. Otherwise a comma-separated list of
// addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal).
import { isIP } from "node:net";
import { z } from "zod";
import { splitList } from "./setting.ts";

const NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyItem(item: string): boolean {
  if (NAMES.has(item)) return true;
  const [address = "", bits, ...rest] = item.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/u.test(bits) && n <= (family === 4 ? 32 : 128);
}

export const trustProxySchema = z
  .string()
  .default("off")
  .refine(
    (v) => v.trim() === "off" || (splitList(v).length > 0 && splitList(v).every(isProxyItem)),
    "off, atau daftar alamat/CIDR dipisah koma / off, or a comma-separated list of addresses or CIDR ranges",
  )
  .transform((v): string[] | false => (v.trim() === "off" ? false : splitList(v)));
