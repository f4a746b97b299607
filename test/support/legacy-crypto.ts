// Boxes in the format crypto.ts wrote before boxes were bound to their rows
// (v1): AES-256-GCM with no additional data but the key id on the wrapped
// key. Only tests write them, to prove keys:rotate migrates what a database
// of the previous version holds.
import { createCipheriv, randomBytes } from "node:crypto";
import type { Bytes } from "../../core/infra/crypto-format.ts";

function gcm(key: Buffer, plain: Buffer, aad: Buffer): Bytes {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function legacyCrypto(keyId: string, masterKey: Buffer) {
  const wrap = (dataKey: Buffer) => gcm(masterKey, dataKey, Buffer.from(keyId));
  return {
    seal(plain: string): Bytes {
      const dataKey = randomBytes(32);
      const id = Buffer.from(keyId);
      return Buffer.concat([
        Buffer.from([1, id.length]),
        id,
        wrap(dataKey),
        gcm(dataKey, Buffer.from(plain), Buffer.alloc(0)),
      ]);
    },
    encryptObject(plain: Buffer) {
      const dataKey = randomBytes(32);
      return { keyId, wrappedKey: wrap(dataKey), ciphertext: gcm(dataKey, plain, Buffer.alloc(0)) };
    },
  };
}
