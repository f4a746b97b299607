// Envelope encryption of personal data (UU 27/2022 PDP): every object gets its
// own random data key; the data key is wrapped by a master key named by id, so
// rotating the master key re-wraps 60 bytes per object instead of re-encrypting
// every KTP photo. Look-ups use a keyed hash that never changes with rotation.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Bytes we create (never views on shared memory), as Prisma's Bytes fields want. */
export type Bytes = Buffer<ArrayBuffer>;

/** Leading byte of a sealed box, so the format can change without guessing. */
const SEALED_V1 = 1;

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

export class CryptoError extends Error {
  readonly code: "UNKNOWN_KEY" | "CORRUPT";
  constructor(code: "UNKNOWN_KEY" | "CORRUPT", message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "CryptoError";
  }
}

function encrypt(key: Buffer, plain: Buffer, aad: Buffer): Bytes {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, box: Buffer, aad: Buffer): Buffer {
  if (box.length < IV_BYTES + TAG_BYTES) throw new CryptoError("CORRUPT", "ciphertext too short");
  const decipher = createDecipheriv(ALGORITHM, key, box.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(box.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(box.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch (cause) {
    throw new CryptoError("CORRUPT", "authentication failed: wrong key or tampered data", {
      cause,
    });
  }
}

export interface Cipher {
  encryptObject(plain: Buffer): Envelope;
  decryptObject(envelope: { keyId: string; wrappedKey: Buffer; ciphertext: Buffer }): Buffer;
  /** Re-wraps the data key under the active master key (rotation). */
  rewrap(envelope: { keyId: string; wrappedKey: Buffer }): Pick<Envelope, "keyId" | "wrappedKey">;
  /** A self-contained envelope in one buffer, for small fields (NIK, phone). */
  seal(plain: string | Buffer): Bytes;
  open(sealed: Buffer): Buffer;
  openText(sealed: Buffer): string;
  /** Keyed hash for equality look-ups; `purpose` keeps e.g. NIK and phone hashes apart. */
  hash(purpose: string, value: string): string;
  readonly activeKeyId: string;
}

export function createCipher(keyring: Keyring): Cipher {
  const active = keyring.masterKeys.get(keyring.activeKeyId);
  if (!active || active.length !== KEY_BYTES) {
    throw new CryptoError(
      "UNKNOWN_KEY",
      `active master key "${keyring.activeKeyId}" is missing or not 32 bytes`,
    );
  }
  const masterKey = (keyId: string) => {
    const key = keyring.masterKeys.get(keyId);
    if (!key) throw new CryptoError("UNKNOWN_KEY", `master key "${keyId}" is not configured`);
    return key;
  };
  // The key id is authenticated with the wrapped key, so a row cannot be
  // pointed at another master key without failing to open.
  const wrap = (dataKey: Buffer) => ({
    keyId: keyring.activeKeyId,
    wrappedKey: encrypt(active, dataKey, Buffer.from(keyring.activeKeyId)),
  });
  const unwrap = (keyId: string, wrappedKey: Buffer) =>
    decrypt(masterKey(keyId), wrappedKey, Buffer.from(keyId));
  const NO_AAD = Buffer.alloc(0);

  const cipher: Cipher = {
    activeKeyId: keyring.activeKeyId,
    encryptObject(plain) {
      const dataKey = randomBytes(KEY_BYTES);
      return { ...wrap(dataKey), ciphertext: encrypt(dataKey, plain, NO_AAD) };
    },
    decryptObject({ keyId, wrappedKey, ciphertext }) {
      return decrypt(unwrap(keyId, wrappedKey), ciphertext, NO_AAD);
    },
    rewrap({ keyId, wrappedKey }) {
      return wrap(unwrap(keyId, wrappedKey));
    },
    seal(plain) {
      const { keyId, wrappedKey, ciphertext } = cipher.encryptObject(Buffer.from(plain));
      const id = Buffer.from(keyId);
      return Buffer.concat([Buffer.from([SEALED_V1, id.length]), id, wrappedKey, ciphertext]);
    },
    open(sealed) {
      if (sealed[0] !== SEALED_V1) throw new CryptoError("CORRUPT", "unknown sealed-box version");
      const idLength = sealed[1] ?? 0;
      const keyId = sealed.subarray(2, 2 + idLength).toString();
      const wrappedEnd = 2 + idLength + IV_BYTES + TAG_BYTES + KEY_BYTES;
      return cipher.decryptObject({
        keyId,
        wrappedKey: sealed.subarray(2 + idLength, wrappedEnd),
        ciphertext: sealed.subarray(wrappedEnd),
      });
    },
    openText(sealed) {
      return cipher.open(sealed).toString("utf8");
    },
    hash(purpose, value) {
      return createHmac("sha256", keyring.hashKey).update(`${purpose}\0${value}`).digest("hex");
    },
  };
  return cipher;
}

/** Reads the key id of a sealed box without opening it (rotation finds stale rows). */
export function sealedKeyId(sealed: Buffer): string {
  return sealed.subarray(2, 2 + (sealed[1] ?? 0)).toString();
}

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
