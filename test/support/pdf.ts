// Reading generated PDFs back in tests: their text per page through a
// pure-JS parser (unpdf, a build of PDF.js), and their drawing operators
// from the inflated content streams.
import { inflateSync } from "node:zlib";
import { extractText, getDocumentProxy } from "unpdf";

export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string[] }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    return { pages: totalPages, text };
  } finally {
    await doc.destroy();
  }
}

/** Every page's text in one string, whitespace runs collapsed. */
export async function pdfPlain(pdf: Uint8Array): Promise<string> {
  return (await pdfText(pdf)).text.join("\n").replace(/\s+/gu, " ");
}

/** The decoded (Flate) streams of the file, as latin1 text. */
export function pdfStreams(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf);
  const streams: string[] = [];
  let at = raw.indexOf("stream");
  while (at !== -1) {
    const start = raw[at + 6] === 0x0d ? at + 8 : at + 7;
    const end = raw.indexOf("endstream", start);
    if (end === -1) break;
    const body = raw.subarray(start, end);
    try {
      streams.push(inflateSync(body).toString("latin1"));
    } catch {
      streams.push(body.toString("latin1"));
    }
    at = raw.indexOf("stream", end + 9);
  }
  return streams;
}

/** How many times a path operator (e.g. "re" for a rectangle) is drawn. */
export function countOperator(pdf: Uint8Array, operator: string): number {
  const pattern = new RegExp(`(?:^|\\s)${operator}(?=\\s)`, "gu");
  return pdfStreams(pdf).reduce((n, s) => n + (s.match(pattern)?.length ?? 0), 0);
}
