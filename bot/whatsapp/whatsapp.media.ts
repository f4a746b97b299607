// Downloads the file of a WhatsApp message, trusting nothing the sender put
// in it. A media message names its file twice: `url` and `directPath`. Both
// are written by the sender's client, so a crafted message can name any
// address. Baileys' downloadMediaMessage fetches `url` when there is no
// directPath, and otherwise takes the host from `url` (rc14,
// Utils/messages-media.js downloadContentFromMessage): a request from our
// server into the office LAN (127.0.0.1, 10.x, cloud metadata). Here the
// address is built from `directPath` alone, on WhatsApp's own media host
// (Baileys' DEF_MEDIA_HOST, mmg.whatsapp.net), and only when it is a plain
// path; `url` is never read. The file comes through bot/media-fetch.ts
// (hard byte cap on what is read, deadline, no redirects), then is checked
// against its MAC and decrypted with the keys the message's mediaKey derives
// (Baileys' getMediaKeys: HKDF, as WhatsApp does). `fileLength` is never
// trusted: it may refuse a file early, never allow one.
import { createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";
import {
  DEF_MEDIA_HOST,
  DEFAULT_ORIGIN,
  getMediaKeys,
  normalizeMessageContent,
  type WAMessage,
} from "@whiskeysockets/baileys";
import { type Download, type FetchLimits, failed, fetchCapped, tooLarge } from "../media-fetch.ts";

/** Where WhatsApp serves media; tests put a local stand-in here, nothing else does. */
export const WHATSAPP_MEDIA_BASE_URL = `https://${DEF_MEDIA_HOST}`;

/** Downloads of WhatsApp files at once per process: memory stays under this x MEDIA_MAX_BYTES. */
export const WHATSAPP_DOWNLOADS_AT_ONCE = 4;

const MAC_LENGTH = 10;
const AES_BLOCK = 16;

/**
 * A path as WhatsApp writes it (`/v/t62.7118-24/…_n.enc?ccb=11-4&oh=…&oe=…`):
 * one leading slash, then only unreserved characters and a query. No `//`
 * (a host of its own), no `@` (a user-info prefix), no `\`, no `..`.
 */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9._~\-/]*(?:\?[A-Za-z0-9._~\-=&%+]*)?$/u;
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|\?|$)/u;

/** The download URL of a directPath on the media host; null when it is not a plain path. */
export function mediaUrl(directPath: string | null | undefined, baseUrl: string): URL | null {
  if (!directPath || directPath.length > 2048) return null;
  if (!PLAIN_PATH.test(directPath) || DOT_SEGMENT.test(directPath)) return null;
  const base = new URL(baseUrl);
  const url = new URL(directPath, base);
  return url.origin === base.origin ? url : null;
}

type MediaType = "image" | "document";

/** The media part of a message (images and documents are all the bot takes). */
function mediaOf(message: WAMessage) {
  const content = normalizeMessageContent(message.message);
  if (content?.imageMessage) return { type: "image" as MediaType, media: content.imageMessage };
  if (content?.documentMessage) {
    return { type: "document" as MediaType, media: content.documentMessage };
  }
  return null;
}

/**
 * The decrypted file of an image or document message, at most `maxBytes`
 * (what was read, not what `fileLength` says), from `baseUrl` only.
 */
export async function downloadWhatsappMedia(
  message: WAMessage,
  limits: FetchLimits & { baseUrl: string },
): Promise<Download> {
  const found = mediaOf(message);
  if (!found) return failed("not an image or document message");
  const mediaKey = found.media.mediaKey;
  if (!(mediaKey instanceof Uint8Array) || mediaKey.length !== 32) return failed("no media key");
  const url = mediaUrl(found.media.directPath, limits.baseUrl);
  if (!url) return failed("directPath is not a plain path on the media host");
  // The encrypted file is the plain one padded to whole AES blocks, plus the MAC.
  const encrypted = await fetchCapped(url, {
    maxBytes: limits.maxBytes + AES_BLOCK + MAC_LENGTH,
    timeoutMs: limits.timeoutMs,
    signal: limits.signal,
    headers: { Origin: DEFAULT_ORIGIN },
  });
  if (!encrypted.ok) return encrypted;
  const plain = await decrypt(encrypted.bytes, mediaKey, found.type);
  if (!plain.ok) return plain;
  return plain.bytes.length > limits.maxBytes
    ? tooLarge(plain.bytes.length, "file over the limit")
    : plain;
}

async function decrypt(body: Buffer, mediaKey: Uint8Array, type: MediaType): Promise<Download> {
  if (body.length < MAC_LENGTH + AES_BLOCK) return failed("file too short");
  const { iv, cipherKey, macKey } = await getMediaKeys(mediaKey, type);
  if (!macKey) return failed("no MAC key");
  const ciphertext = body.subarray(0, body.length - MAC_LENGTH);
  const mac = body.subarray(body.length - MAC_LENGTH);
  const expected = createHmac("sha256", macKey).update(iv).update(ciphertext).digest();
  if (!timingSafeEqual(mac, expected.subarray(0, MAC_LENGTH))) return failed("MAC mismatch");
  try {
    const decipher = createDecipheriv("aes-256-cbc", cipherKey, iv);
    return { ok: true, bytes: Buffer.concat([decipher.update(ciphertext), decipher.final()]) };
  } catch {
    return failed("not decryptable");
  }
}
