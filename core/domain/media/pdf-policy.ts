// Which PDFs the helpdesk keeps. A PDF is stored as sent (signatures and
// stamps must survive), so one that can act when an agent opens it is
// refused: scripts, launching programs, sending form data, opening remote or
// embedded files, files inside. core/infra/media/pdf-inspect.ts parses the
// document (every object, those inside compressed object streams too, names
// with their #xx escapes decoded) and hands over what it found.
import type { Refusal } from "./media-policy.ts";

/**
 * A power of attorney or a scanned letter has tens of objects, a 300-page
 * scan a few thousand; parsing costs about 0.1 ms an object, so a small file
 * with a million objects would keep a core busy for minutes.
 */
export const PDF_MAX_OBJECTS = 10_000;

/** Keys and names that make a PDF act, or carry a file, wherever they occur. */
export const PDF_ACTIVE_NAMES: ReadonlySet<string> = new Set([
  "JavaScript",
  "JS",
  "AA", // additional actions: run on open, close, page view, field focus
  "Launch",
  "SubmitForm",
  "ImportData",
  "GoToR", // opens another file, also \\server\share paths (leaks the agent's credentials)
  "GoToE",
  "Rendition", // may carry a script
  "EmbeddedFiles",
  "EmbeddedFile",
  "EF",
  "FileAttachment",
  "RichMedia",
  "RichMediaExecute",
  "XFA",
]);

export type PdfFacts =
  | { readable: false; detail: string }
  | {
      readable: true;
      /** Encrypted strings and streams cannot be inspected. */
      encrypted: boolean;
      /** Every dictionary key and name value in the document, decoded. */
      names: ReadonlySet<string>;
      /** What /OpenAction holds: a place to open at (harmless), or an action. */
      openAction: "none" | "destination" | "action";
      /** A "%%EOF" near the end: a file cut short (or a polyglot) has none. */
      endsWithEof: boolean;
    };

export function judgePdf(facts: PdfFacts): { ok: true } | Refusal {
  if (!facts.readable) return { ok: false, reason: "UNDECODABLE", detail: facts.detail };
  if (!facts.endsWithEof) return { ok: false, reason: "UNDECODABLE", detail: "no %%EOF" };
  if (facts.encrypted) return { ok: false, reason: "ACTIVE_CONTENT", detail: "encrypted" };
  if (facts.openAction === "action") {
    return { ok: false, reason: "ACTIVE_CONTENT", detail: "OpenAction" };
  }
  for (const name of facts.names) {
    if (PDF_ACTIVE_NAMES.has(name)) return { ok: false, reason: "ACTIVE_CONTENT", detail: name };
  }
  return { ok: true };
}
