// The byte layouts of what the cipher (crypto.ts) writes: AES-256-GCM boxes
// (IV, tag, body), sealed boxes and wrapped data keys with their version
// bytes, and the binding of a box to its row. Rotation reads these layouts
// without opening anything.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
/** Bytes we create (never views on shared memory), as Prisma's Bytes fields want. */
export type Bytes = Buffer<ArrayBuffer>;

/**
 * Leading byte of a sealed box, so the format can change without guessing.
 * v1: not bound to its row (written before binding); v2: bound (see Binding).
 */
export const SEALED_V1 = 1;
const SEALED_V2 = 2;
/** A wrapped data key of a v2 envelope starts with this byte (v1 keys have none: 60 bytes). */
export const WRAPPED_V2 = 2;
const WRAPPED_V1_BYTES = IV_BYTES + TAG_BYTES + KEY_BYTES;

/**
 * Where a box lives: its table, column and row (the row's id, or its key
 * columns joined by ":"). Authenticated with the box (AES-GCM additional
 * data), so a box copied into another row or column fails to open.
 */
export interface Binding {
  readonly table: string;
  readonly column: string;
  readonly id: string;
}

export type CryptoErrorCode = "UNKNOWN_KEY" | "CORRUPT" | "UNBOUND";

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "CryptoError";
  }
}

export function encrypt(key: Buffer, plain: Buffer, aad: Buffer): Bytes {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decrypt(key: Buffer, box: Buffer, aad: Buffer): Buffer {
  if (box.length < IV_BYTES + TAG_BYTES) throw new CryptoError("CORRUPT", "ciphertext too short");
  const decipher = createDecipheriv(ALGORITHM, key, box.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(box.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(box.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch (cause) {
    throw new CryptoError(
      "CORRUPT",
      "authentication failed: wrong key, wrong row or tampered data",
      { cause },
    );
  }
}

export const bindingAad = (b: Binding) => Buffer.from(`lpse-box\0${b.table}\0${b.column}\0${b.id}`);
export const NO_AAD = Buffer.alloc(0);

/** Reads the key id of a sealed box without opening it (rotation finds stale rows). */
export function sealedKeyId(sealed: Buffer): string {
  return sealed.subarray(2, 2 + (sealed[1] ?? 0)).toString();
}

/** Whether a sealed box is bound to its row (v2) or from before binding (v1). */
export function isBoundBox(sealed: Buffer): boolean {
  return sealed[0] === SEALED_V2;
}

/** Whether an envelope's wrapped data key is bound to its row (v2). */
export function isBoundWrappedKey(wrappedKey: Buffer): boolean {
  return wrappedKey.length === WRAPPED_V1_BYTES + 1 && wrappedKey[0] === WRAPPED_V2;
}

/** The sealed-box version byte, for rotation's SQL. */
export const BOUND_BOX_VERSION = SEALED_V2;
/** Length of an unbound (v1) wrapped key, for rotation's SQL. */
export const UNBOUND_WRAPPED_KEY_BYTES = WRAPPED_V1_BYTES;
