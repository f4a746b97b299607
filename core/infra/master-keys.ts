// MASTER_KEYS, the configured master keys as text: reading it, and making a
// new key for it.
import { randomBytes } from "node:crypto";
import { KEY_BYTES } from "./crypto-format.ts";

/** `k2:BASE64,k1:BASE64`: the first key is the active one. */
export function parseMasterKeys(spec: string): {
  activeKeyId: string;
  masterKeys: Map<string, Buffer>;
} {
  const masterKeys = new Map<string, Buffer>();
  let activeKeyId = "";
  for (const part of spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const separator = part.indexOf(":");
    const id = part.slice(0, separator);
    const key = Buffer.from(part.slice(separator + 1), "base64");
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id))
      throw new Error(`bad key id in "${id}:…"`);
    if (key.length !== KEY_BYTES) throw new Error(`key "${id}" must be 32 bytes in base64`);
    if (masterKeys.has(id)) throw new Error(`key id "${id}" appears twice`);
    masterKeys.set(id, key);
    activeKeyId ||= id;
  }
  if (!activeKeyId) throw new Error("no key given");
  return { activeKeyId, masterKeys };
}

export function newKeySpec(keyId = "k1"): string {
  return `${keyId}:${randomBytes(KEY_BYTES).toString("base64")}`;
}
