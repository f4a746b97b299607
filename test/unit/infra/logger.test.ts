import { describe, expect, it } from "vitest";
import { redactText } from "../../../core/domain/privacy/redact.ts";
import { createLogger } from "../../../core/infra/logger.ts";

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
  ])("%s", (_, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ["ticket number", "LDK-2026-00042"],
    ["epoch millis", '"time":1795893107162'],
    ["short numbers", "port 6379 pid 9345 took 12 ms"],
    ["17 digits", "12345678901234567"],
  ])("leaves %s alone", (_, input) => {
    expect(redactText(input)).toBe(input);
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
