import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "../../../core/infra/password.ts";

// A low cost keeps the test quick; the format and checks are the same.
const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe("password hashes (scrypt)", () => {
  it("verifies the password it was made from and no other", async () => {
    const stored = await hashPassword("kata-sandi-yang-panjang", cheap);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain("kata-sandi");
    expect(await verifyPassword("kata-sandi-yang-panjang", stored)).toBe(true);
    expect(await verifyPassword("kata-sandi-yang-panjanG", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts each hash", async () => {
    const a = await hashPassword("sama-saja-passwordnya", cheap);
    const b = await hashPassword("sama-saja-passwordnya", cheap);
    expect(a).not.toBe(b);
  });

  it("reads the cost from the hash, so older costs keep working", async () => {
    const older = await hashPassword("kata-sandi-lama-sekali", { N: 2 ** 9, r: 4, p: 1 });
    expect(await verifyPassword("kata-sandi-lama-sekali", older)).toBe(true);
  });

  it("refuses malformed hashes instead of throwing", async () => {
    for (const bad of ["", "plain", "bcrypt$1$2$3$a$b", "scrypt$x$8$1$a$b", "scrypt$1024$8$1$$"]) {
      expect(await verifyPassword("apa saja", bad)).toBe(false);
    }
  });

  it("asks for at least 12 characters", () => {
    expect(passwordProblem("pendek")).toContain("minimal 12");
    expect(passwordProblem("cukup-panjang-12")).toBeNull();
  });
});
