// The encryption and hashing keys (core/infra/crypto.ts, core/infra/keyring.ts).
import { z } from "zod";
import { parseMasterKeys } from "../infra/master-keys.ts";
import { defineArea, optional, setting } from "./setting.ts";

export const securityArea = defineArea("Security keys", {
  MASTER_KEYS: setting(
    optional(
      z.string().superRefine((spec, ctx) => {
        try {
          parseMasterKeys(spec);
        } catch (err) {
          ctx.addIssue({
            code: "custom",
            message: `${(err as Error).message} / format: id:base64[,id:base64]`,
          });
        }
      }),
    ),
    {
      example: "k1:<32 bytes in base64, e.g. from `openssl rand -base64 32`>",
      description:
        "`id:base64[,id:base64…]`, 32-byte AES keys; the first encrypts new data, the rest only decrypt (rotation). Required in production; elsewhere generated into `DATA_DIR/secrets.json`.",
      unset: "_(generated)_",
      allowed:
        "`id:base64` pairs, comma-separated: ids of 1-32 `A-Z a-z 0-9 _ -`, each once; keys of 32 bytes",
    },
  ),
  HASH_KEY: setting(
    optional(
      z
        .string()
        .refine(
          (v) => Buffer.from(v, "base64").length >= 32,
          "minimal 32 byte base64 / at least 32 bytes in base64",
        ),
    ),
    {
      example: "<32 bytes in base64, e.g. from `openssl rand -base64 32`>",
      description:
        "Base64, at least 32 bytes: key of the look-up hashes of NIK and channel ids. Never change it. Required in production.",
      unset: "_(generated)_",
    },
  ),
});
