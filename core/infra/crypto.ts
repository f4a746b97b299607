// Envelope encryption of personal data (UU 27/2022 PDP): every object gets its
// own random data key; the data key is wrapped by a master key named by id, so
// rotating the master key re-wraps 60 bytes per object instead of re-encrypting
// every KTP photo. Look-ups use a keyed hash that never changes with rotation.
// The byte layouts are crypto-format.ts; reading MASTER_KEYS is master-keys.ts.
import { createHmac, randomBytes } from "node:crypto";
import {
  type Binding,
  type Bytes,
  bindingAad,
  CryptoError,
  decrypt,
  encrypt,
  KEY_BYTES,
  NO_AAD,
  SEALED_V1,
  BOUND_BOX_VERSION as SEALED_V2,
  UNBOUND_WRAPPED_KEY_BYTES as WRAPPED_V1_BYTES,
  WRAPPED_V2,
} from "./crypto-format.ts";

export interface Keyring {
  /** Master key that wraps new data keys. */
  activeKeyId: string;
  /** Every master key still needed to unwrap stored objects. */
  masterKeys: ReadonlyMap<string, Buffer>;
  /** Key of the look-up hash; never rotated, or every look-up breaks. */
  hashKey: Buffer;
}

export interface Envelope {
  keyId: string;
  /** IV, tag and the data key encrypted under the master key `keyId`. */
  wrappedKey: Bytes;
  /** IV, tag and the object encrypted under the data key. */
  ciphertext: Bytes;
}

/**
 * What to do with a box written before boxes were bound to their rows:
 * "accept" opens it (and reports it through `onUnbound`) until
 * `npm run keys:rotate` has bound every stored box; "refuse" throws UNBOUND.
 */
export type UnboundPolicy = "accept" | "refuse";

export interface CipherOptions {
  unbound?: UnboundPolicy;
  /** Called for each unbound box opened under "accept" (it must not be silent). */
  onUnbound?: (where: Binding) => void;
}

export interface Cipher {
  encryptObject(plain: Buffer, where: Binding): Envelope;
  decryptObject(
    envelope: { keyId: string; wrappedKey: Buffer; ciphertext: Buffer },
    where: Binding,
  ): Buffer;
  /** Re-wraps the data key under the active master key, bound to `where` (rotation). */
  rewrap(
    envelope: { keyId: string; wrappedKey: Buffer },
    where: Binding,
  ): Pick<Envelope, "keyId" | "wrappedKey">;
  /** A self-contained envelope in one buffer, for small fields (NIK, phone). */
  seal(plain: string | Buffer, where: Binding): Bytes;
  open(sealed: Buffer, where: Binding): Buffer;
  openText(sealed: Buffer, where: Binding): string;
  /** Keyed hash for equality look-ups; `purpose` keeps e.g. NIK and phone hashes apart. */
  hash(purpose: string, value: string): string;
  readonly activeKeyId: string;
  readonly unbound: UnboundPolicy;
}

export function createCipher(keyring: Keyring, options: CipherOptions = {}): Cipher {
  const active = keyring.masterKeys.get(keyring.activeKeyId);
  if (!active || active.length !== KEY_BYTES) {
    throw new CryptoError(
      "UNKNOWN_KEY",
      `active master key "${keyring.activeKeyId}" is missing or not 32 bytes`,
    );
  }
  const policy = options.unbound ?? "refuse";
  const masterKey = (keyId: string) => {
    const key = keyring.masterKeys.get(keyId);
    if (!key) throw new CryptoError("UNKNOWN_KEY", `master key "${keyId}" is not configured`);
    return key;
  };
  const allowUnbound = (where: Binding) => {
    if (policy === "refuse") {
      throw new CryptoError(
        "UNBOUND",
        `${where.table}.${where.column}: a box not bound to its row is refused (keys:rotate bound every box)`,
      );
    }
    options.onUnbound?.(where);
  };
  // The key id (and, from v2 on, the box's place) is authenticated with the
  // wrapped key: a row cannot be pointed at another master key, nor a whole
  // envelope moved to another row, without failing to open.
  const wrapAad = (keyId: string, where: Binding) =>
    Buffer.concat([Buffer.from(keyId), Buffer.from([0]), bindingAad(where)]);
  const wrap = (dataKey: Buffer, where: Binding) => ({
    keyId: keyring.activeKeyId,
    wrappedKey: Buffer.concat([
      Buffer.from([WRAPPED_V2]),
      encrypt(active, dataKey, wrapAad(keyring.activeKeyId, where)),
    ]),
  });
  const unwrap = (keyId: string, wrappedKey: Buffer, where: Binding) => {
    if (wrappedKey.length === WRAPPED_V1_BYTES) {
      allowUnbound(where);
      return decrypt(masterKey(keyId), wrappedKey, Buffer.from(keyId));
    }
    if (wrappedKey[0] !== WRAPPED_V2 || wrappedKey.length !== WRAPPED_V1_BYTES + 1) {
      throw new CryptoError("CORRUPT", "unknown wrapped-key format");
    }
    return decrypt(masterKey(keyId), wrappedKey.subarray(1), wrapAad(keyId, where));
  };

  const cipher: Cipher = {
    activeKeyId: keyring.activeKeyId,
    unbound: policy,
    encryptObject(plain, where) {
      const dataKey = randomBytes(KEY_BYTES);
      // The data key is unique to the object and bound through its wrapping,
      // so rotation and binding only ever re-wrap 61 bytes, never the photo.
      return { ...wrap(dataKey, where), ciphertext: encrypt(dataKey, plain, NO_AAD) };
    },
    decryptObject({ keyId, wrappedKey, ciphertext }, where) {
      return decrypt(unwrap(keyId, wrappedKey, where), ciphertext, NO_AAD);
    },
    rewrap({ keyId, wrappedKey }, where) {
      return wrap(unwrap(keyId, wrappedKey, where), where);
    },
    seal(plain, where) {
      const dataKey = randomBytes(KEY_BYTES);
      const aad = bindingAad(where);
      const wrapped = encrypt(active, dataKey, wrapAad(keyring.activeKeyId, where));
      const id = Buffer.from(keyring.activeKeyId);
      return Buffer.concat([
        Buffer.from([SEALED_V2, id.length]),
        id,
        wrapped,
        encrypt(dataKey, Buffer.from(plain), aad),
      ]);
    },
    open(sealed, where) {
      const version = sealed[0];
      if (version !== SEALED_V1 && version !== SEALED_V2) {
        throw new CryptoError("CORRUPT", "unknown sealed-box version");
      }
      const idLength = sealed[1] ?? 0;
      const keyId = sealed.subarray(2, 2 + idLength).toString();
      const wrappedEnd = 2 + idLength + WRAPPED_V1_BYTES;
      const wrapped = sealed.subarray(2 + idLength, wrappedEnd);
      const body = sealed.subarray(wrappedEnd);
      if (version === SEALED_V1) {
        allowUnbound(where);
        return decrypt(decrypt(masterKey(keyId), wrapped, Buffer.from(keyId)), body, NO_AAD);
      }
      const dataKey = decrypt(masterKey(keyId), wrapped, wrapAad(keyId, where));
      return decrypt(dataKey, body, bindingAad(where));
    },
    openText(sealed, where) {
      return cipher.open(sealed, where).toString("utf8");
    },
    hash(purpose, value) {
      return createHmac("sha256", keyring.hashKey).update(`${purpose}\0${value}`).digest("hex");
    },
  };
  return cipher;
}
