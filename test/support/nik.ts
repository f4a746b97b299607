// NIKs for fixtures. Tickets with one NIK belong to one person (an erasure
// takes them all), and test files share a database: every fixture ticket gets
// its own NIK unless a test means the same person. The first four and last
// four digits stay as given, so masked views ("6171••••••••0001") are stable.
import { randomInt } from "node:crypto";

const pad = (n: number) => String(n).padStart(2, "0");

/** A valid NIK `PPKK` + district 05 + a random birth date + `serial`. */
export function uniqueNik(prefix = "6171", serial = "0001"): string {
  return `${prefix}05${pad(randomInt(1, 29))}${pad(randomInt(1, 13))}${pad(randomInt(0, 100))}${serial}`;
}
