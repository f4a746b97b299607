// Personal data that must never reach a log line: NIK (16 digits) and phone
// numbers, including WhatsApp JIDs, which are the number followed by a domain.
//
// Redacted in every format the validators accept (nik.validator.ts,
// phone.normalizer.ts), which strip spaces, dots, dashes, colons and brackets
// anywhere: so digits are read as runs, digits joined by such separators. A
// run that has separators and ten digits or more (the shortest mobile number,
// 0811579941) is redacted whole: a NIK next to a phone number, split by one
// space, is one run, and no guess at where one ends can leave half of either.
// A run without separators is redacted when it is a NIK (16 digits) or a
// mobile number, so epoch milliseconds and other counters stay readable.
// This runs on finished JSON log lines, so a whitespace separator may also
// appear escaped (`\n`, `\t`, `\u000b`). The tests' generator is shared with
// the validators' tests (test/support/personal-data.arbitraries.ts).

/** One separator between digits, raw or as JSON writes it. */
const SEP = String.raw`(?:[\s.:()\-]|\\[nrtf]|\\u000b)`;
const RUN = new RegExp(String.raw`\+?\d(?:${SEP}*\d)*`, "g");
const HAS_SEP = new RegExp(SEP);
/** A mobile number written without separators: +62 / 62 / 0062 / 0, an optional trunk 0, 8 and 8-11 digits. */
const MOBILE = /^(?:\+?62|0062|0)0?8\d{8,11}$/;
const MIN_SEPARATED_DIGITS = 10;
/**
 * An IPv4 address, maybe with a port ("connect ECONNREFUSED 127.0.0.1:6379"):
 * kept. No mobile number fits (its second group would start with 8 and need
 * three digits); only a NIK typed as four dotted groups of at most 255 and a
 * colon would, and nobody types it so.
 */
const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^(?:${OCTET}\\.){3}${OCTET}(?::[1-9]\\d{0,4})?$`);
const NIK_DIGITS = 16;

const JID = /\d{6,20}(?=(?::\d+)?@(?:s\.whatsapp\.net|c\.us|lid))/g;
/** Ids in log lines (tickets, messages) may be all digits by chance: never redacted. */
const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

function redactRun(run: string): string {
  const digits = run.replace(/\D/g, "");
  const label = digits.length === NIK_DIGITS ? "[redacted-nik]" : "[redacted-phone]";
  if (HAS_SEP.test(run)) {
    return digits.length >= MIN_SEPARATED_DIGITS && !IPV4.test(run) ? label : run;
  }
  return digits.length === NIK_DIGITS || MOBILE.test(run) ? label : run;
}

function redactPart(text: string): string {
  return text.replace(JID, "[redacted-id]").replace(RUN, redactRun);
}

export function redactText(text: string): string {
  // split() with a capture group: ids at the odd indexes, the rest between.
  return text
    .split(UUID)
    .map((part, i) => (i % 2 === 1 ? part : redactPart(part)))
    .join("");
}
