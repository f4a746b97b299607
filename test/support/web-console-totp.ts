// TOTP in the console's tests: the code of a secret at a moment, and enrolment
// of a signed-in browser on /konsol/akun (the secret read from the page).
import * as OTPAuth from "otpauth";
import { expect } from "vitest";
import type { browser } from "./web-console.ts";

type Browser = ReturnType<typeof browser>;

export const codeAt = (secret: string, ms: number) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: ms });

/** Switches TOTP on for the signed-in browser at the clock's now; returns the secret. */
export async function enrol(b: Browser, nowMs: () => number): Promise<string> {
  expect(
    (await b.post("/konsol/akun/totp/mulai", { _csrf: await b.csrf("/konsol/akun") })).statusCode,
  ).toBe(303);
  const page = await b.get("/konsol/akun");
  expect(page.body).toContain("<svg");
  const secret = /Kunci: <code>([A-Z2-7 ]+)<\/code>/u.exec(page.body)?.[1]?.replaceAll(" ", "");
  if (!secret) throw new Error("no secret on the page");
  const csrf = await b.csrf("/konsol/akun");
  const wrong = await b.post("/konsol/akun/totp/aktifkan", {
    _csrf: csrf,
    kode: "000000" === codeAt(secret, nowMs()) ? "111111" : "000000",
  });
  expect(wrong.statusCode).toBe(400);
  const ok = await b.post("/konsol/akun/totp/aktifkan", {
    _csrf: csrf,
    kode: codeAt(secret, nowMs()),
  });
  expect(ok.statusCode).toBe(200);
  expect(ok.body).toContain("Kode masuk aktif");
  return secret;
}
