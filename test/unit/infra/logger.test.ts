import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactText } from "../../../core/domain/privacy/redact.ts";
import { createLogger } from "../../../core/infra/logger.ts";
import { typedNikArb, typedPhoneArb } from "../../support/personal-data.arbitraries.ts";

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => lines.push(line) } };
}

describe("redactText", () => {
  it.each([
    ["NIK alone", "nik 6171054101900001 ok", "nik [redacted-nik] ok"],
    ["phone 08", "call 0811579941 now", "call [redacted-phone] now"],
    ["phone +62 with separators", "wa +62 811-579-941.", "wa [redacted-phone]."],
    ["phone 62", "62811579941", "[redacted-phone]"],
    ["WhatsApp JID", "from 6281234567890@s.whatsapp.net", "from [redacted-id]@s.whatsapp.net"],
    ["LID JID with device", "12345678901234:12@lid", "[redacted-id]:12@lid"],
    ["NIK in groups", "NIK 61 71 0123 4567 0001.", "NIK [redacted-nik]."],
    ["NIK with dots and a colon", "NIK: 6171.01 150890 0001", "NIK: [redacted-nik]"],
    ["phone with dashes", "hp 0812-3456-7890", "hp [redacted-phone]"],
    ["phone +62 with dots", "hp +62 812.3456.7890", "hp [redacted-phone]"],
    ["phone in brackets", "(0812) 3456.7890", "([redacted-phone]"],
    ["phone 0062", "006281234567890", "[redacted-phone]"],
    ["phone +62 0", "+62 0812 3456 7890", "[redacted-phone]"],
    // One run of digits: redacted whole, never split at a guess.
    ["phone then NIK", "0812 3456 7890 6171050122901234", "[redacted-phone]"],
  ])("%s", (_, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ["ticket number", "LDK-2026-00042"],
    ["epoch millis", '"time":1795893107162'],
    ["short numbers", "port 6379 pid 9345 took 12 ms"],
    ["17 digits", "12345678901234567"],
    ["an id of digits only", "01934567-1234-7123-8123-123456789012"],
    ["a timestamp", '"time":"2026-12-03T09:00:00.123Z"'],
    ["an address and port", "127.0.0.1:6379"],
  ])("leaves %s alone", (_, input) => {
    expect(redactText(input)).toBe(input);
  });
});

describe("redaction of every format the validators accept", () => {
  const noDigits = (text: string) => expect(text).not.toMatch(/\d/);

  it("leaves no digit of a NIK or phone number typed with any separators", () => {
    fc.assert(
      fc.property(typedNikArb, typedPhoneArb, (nik, phone) => {
        noDigits(redactText(`NIK saya ${nik.text} ya`));
        noDigits(redactText(`hubungi ${phone.text}, terima kasih`));
        noDigits(redactText(`${phone.text} ${nik.text}`));
        noDigits(redactText(`${nik.text} ${phone.text}`));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps them out of finished log lines too (JSON escapes whitespace)", () => {
    const compact = (line: string) => line.replace(/\\[nrtf]|\\u000b|[\s.:()-]/g, "");
    fc.assert(
      fc.property(typedNikArb, typedPhoneArb, (nik, phone) => {
        const { lines, stream } = capture();
        const logger = createLogger({ level: "info" }, stream);
        logger.info({ text: `NIK ${nik.text}\nHP ${phone.text}` }, `dari ${phone.text}`);
        logger.error({ err: new Error(`no ticket for ${nik.text}`) }, "failed");
        for (const line of lines) {
          expect(compact(line)).not.toContain(nik.nik);
          expect(compact(line)).not.toContain(phone.national);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("createLogger", () => {
  it("redacts NIK and phone numbers from messages, fields and errors", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: "info" }, stream);
    logger.info(
      {
        phone: "0811579941",
        user: { nik: "6171054101900001" },
        text: "NIK saya 6171054101900001, hp 081234567890",
      },
      "pesan dari 6281234567890@s.whatsapp.net",
    );
    logger.error({ err: new Error("no contact for +6281234567890") }, "failed");
    const out = lines.join("");
    expect(lines).toHaveLength(2);
    for (const secret of ["0811579941", "6171054101900001", "081234567890", "6281234567890"]) {
      expect(out).not.toContain(secret);
    }
    const first = JSON.parse(lines[0] ?? "{}");
    expect(first.phone).toBe("[redacted]");
    expect(first.user.nik).toBe("[redacted]");
    expect(first.text).toBe("NIK saya [redacted-nik], hp [redacted-phone]");
    expect(first.msg).toBe("pesan dari [redacted-id]@s.whatsapp.net");
    expect(JSON.parse(lines[1] ?? "{}").err.message).toBe("no contact for [redacted-phone]");
  });
});
