import { describe, expect, it } from "vitest";
import { presentedSecret, tokenMatches } from "../../../core/infra/admin-auth.ts";

const TOKEN = "a-long-random-string-of-32-characters";
const basic = (userAndPassword: string) =>
  `Basic ${Buffer.from(userAndPassword).toString("base64")}`;

describe("tokenMatches", () => {
  it("accepts the exact token only", () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(`${TOKEN} `, TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN.toUpperCase(), TOKEN)).toBe(false);
    expect(tokenMatches("", TOKEN)).toBe(false);
  });

  it("compares secrets of any length without throwing (equal-length digests)", () => {
    // timingSafeEqual throws on buffers of different lengths; hashing first avoids it.
    expect(tokenMatches("x", TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN.repeat(100), TOKEN)).toBe(false);
    expect(tokenMatches("ü".repeat(40), TOKEN)).toBe(false);
  });
});

describe("presentedSecret", () => {
  it("takes the password of Basic credentials, whatever the user name", () => {
    expect(presentedSecret(basic(`admin:${TOKEN}`))).toBe(TOKEN);
    expect(presentedSecret(basic(`:${TOKEN}`))).toBe(TOKEN);
    expect(presentedSecret(basic("petugas:pass:with:colons"))).toBe("pass:with:colons");
    expect(presentedSecret(`basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`)).toBe(TOKEN);
  });

  it("takes a Bearer token as it is", () => {
    expect(presentedSecret(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(presentedSecret(`bearer   ${TOKEN}  `)).toBe(TOKEN);
  });

  it("finds nothing in missing, empty or other credentials", () => {
    expect(presentedSecret(undefined)).toBeUndefined();
    expect(presentedSecret("")).toBeUndefined();
    expect(presentedSecret("Bearer")).toBeUndefined();
    expect(presentedSecret(basic("no-colon-here"))).toBeUndefined();
    expect(presentedSecret(`Digest ${TOKEN}`)).toBeUndefined();
    expect(presentedSecret(`Bearer ${TOKEN} extra`)).toBeUndefined();
  });
});
