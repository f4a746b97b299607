// Reads a PDF with a real parser (pdf-lib) and reports what core/domain/media/
// pdf-policy.ts judges: every key and name of every object, including the
// objects packed into compressed object streams and the ones an incremental
// update replaced (a viewer following an old cross-reference may still show
// them), with `#xx` name escapes decoded, so `/J#61vaScript` is JavaScript.
// The raw bytes are scanned for names too: whatever pdf-lib skips as junk
// between objects, a lenient viewer may still read.
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFName,
  type PDFObject,
  PDFParser,
  PDFRawStream,
  PDFRef,
} from "pdf-lib";
import type { SanitizeResult } from "../../domain/media/media-policy.ts";
import { judgePdf, PDF_MAX_OBJECTS, type PdfFacts } from "../../domain/media/pdf-policy.ts";

/** pdf-lib decodes only upper-case escapes (`#4A`); viewers take `#4a` as well. */
const decodeName = (name: string) =>
  name.replace(/#([0-9a-fA-F]{2})/gu, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );

/**
 * Keeps every object the parser assigns, also those a later definition
 * replaces, and stops the parse past PDF_MAX_OBJECTS.
 */
class RecordingParser extends PDFParser {
  readonly parsed: PDFObject[] = [];
  /** Set when the parse was stopped for PDF_MAX_OBJECTS (pdf-lib rewraps the error). */
  tooMany = false;
  constructor(bytes: Uint8Array) {
    // Objects at once (no yielding), throw on an object it cannot read
    // instead of skipping it, cap absurd numbers.
    super(bytes, Number.POSITIVE_INFINITY, true, true);
    const context = this.context;
    const assign = context.assign.bind(context);
    context.assign = (ref: PDFRef, object: PDFObject) => {
      if (this.parsed.length >= PDF_MAX_OBJECTS) {
        this.tooMany = true;
        throw new Error(`more than ${PDF_MAX_OBJECTS} objects`);
      }
      this.parsed.push(object);
      assign(ref, object);
    };
  }
}

/** Names as tokens in the raw bytes: a slash, then anything up to a delimiter. */
const RAW_NAME = /\/([^\s()<>[\]{}/%]+)/gu;

function collectNames(roots: PDFObject[], names: Set<string>) {
  const stack = [...roots];
  // Nesting is bounded by what the parser managed to build; a loop guard is
  // still cheap insurance against a shared sub-object seen many times.
  const seen = new Set<PDFObject>();
  while (stack.length > 0) {
    const object = stack.pop();
    if (object === undefined || seen.has(object)) continue;
    seen.add(object);
    if (object instanceof PDFName) names.add(decodeName(object.decodeText()));
    else if (object instanceof PDFArray) stack.push(...object.asArray());
    else if (object instanceof PDFRawStream) stack.push(object.dict);
    else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        names.add(decodeName(key.decodeText()));
        stack.push(value);
      }
    }
  }
}

/** What /OpenAction holds across every catalog definition: an action is a dictionary. */
function openActionOf(context: PDFContext, parsed: PDFObject[]): "none" | "destination" | "action" {
  let found: "none" | "destination" | "action" = "none";
  for (const object of parsed) {
    if (!(object instanceof PDFDict)) continue;
    let value: PDFObject | undefined = object.get(PDFName.of("OpenAction"));
    if (value === undefined) continue;
    if (value instanceof PDFRef) value = context.lookup(value);
    // A destination is an array ([page /Fit]) or a named one; anything else,
    // or a reference to nothing pdf-lib could find, is treated as an action.
    if (value instanceof PDFArray || value instanceof PDFName) found = "destination";
    else return "action";
  }
  return found;
}

export async function inspectPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const endsWithEof = text.slice(-2048).includes("%%EOF");
  const parser = new RecordingParser(bytes);
  let context: PDFContext;
  try {
    context = await parser.parseDocument();
  } catch (err) {
    // Broken objects, unknown stream filters, nesting that blows the stack.
    if (parser.tooMany) return { readable: false, detail: `more than ${PDF_MAX_OBJECTS} objects` };
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : "parser failed";
    return { readable: false, detail: detail.slice(0, 200) };
  }
  const names = new Set<string>();
  collectNames(parser.parsed, names);
  const trailer = context.trailerInfo;
  collectNames(
    [trailer.Root, trailer.Info, trailer.Encrypt].filter((o): o is PDFObject => o !== undefined),
    names,
  );
  for (const match of text.matchAll(RAW_NAME)) names.add(decodeName(match[1] ?? ""));
  return {
    readable: true,
    encrypted: trailer.Encrypt !== undefined,
    names,
    openAction: openActionOf(context, parser.parsed),
    endsWithEof,
  };
}

/**
 * A PDF is stored as sent (signatures and stamps must survive); one that is
 * cut off, encrypted, or can act when opened is refused.
 */
export async function checkPdf(bytes: Uint8Array): Promise<SanitizeResult> {
  const verdict = judgePdf(await inspectPdf(bytes));
  return verdict.ok ? { ok: true, bytes, mime: "application/pdf" } : verdict;
}
