// PDFs that act when an agent opens them are refused, however they hide it:
// names written with #xx escapes, objects packed into compressed object
// streams, an old definition an incremental update replaced. Each hostile
// file is shown to be real first: pdf.js (the engine of Firefox's viewer,
// through unpdf) finds the script, the action or the file in it.
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import PDFKit from "pdfkit";
import { getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { PDF_MAX_OBJECTS } from "../../../core/domain/media/pdf-policy.ts";
import { checkPdf } from "../../../core/infra/media/pdf-inspect.ts";
import { pdfFile } from "../../fixtures/files.ts";
import { buildPdf, HOSTILE_PDFS, onePagePdf, SAFE_PDF } from "../../fixtures/pdf.ts";

/** What a viewer would do with the file: scripts, attachments, actions of links and widgets. */
async function activeContentSeenByPdfJs(bytes: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const page = await doc.getPage(1);
  const found: string[] = [];
  if (await doc.getJSActions()) found.push("document script");
  if (await page.getJSActions()) found.push("page script");
  if (await doc.getAttachments()) found.push("attachment");
  for (const a of await page.getAnnotations()) {
    if (a.unsafeUrl && !/^https:/u.test(a.unsafeUrl)) found.push(`link to ${a.unsafeUrl}`);
    if (a.subtype === "FileAttachment") found.push("attached file");
    if (a.subtype === "Widget") found.push("form action");
  }
  await doc.destroy();
  return found;
}

const pdfkitDocument = () =>
  new Promise<Buffer>((resolve) => {
    const doc = new PDFKit({ compress: true });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.text("Surat Kuasa", { link: "https://lpse.landakkab.go.id" });
    doc.end();
  });

describe("PDF active content", () => {
  describe.each([
    ["as plain objects", false],
    ["packed into a compressed object stream", true],
  ])("%s", (_, packed) => {
    it.each(Object.entries(HOSTILE_PDFS))("refuses a PDF with %s", async (_, hostile) => {
      const bytes = onePagePdf({ ...hostile.pdf, packed });
      if (hostile.viewerSees) {
        expect(await activeContentSeenByPdfJs(bytes)).toContain(hostile.viewerSees);
      }
      // Inside the compressed stream a text search finds none of it.
      if (packed)
        expect(bytes.toString("latin1")).not.toMatch(/JavaScript|Launch|Submit|Embedded/u);
      expect(await checkPdf(bytes)).toMatchObject({ ok: false, reason: "ACTIVE_CONTENT" });
    });

    it("keeps a document with a web link and an opening view, byte for byte", async () => {
      const bytes = onePagePdf({ ...SAFE_PDF, packed });
      expect(await activeContentSeenByPdfJs(bytes)).toEqual([]);
      const result = await checkPdf(bytes);
      expect(result).toMatchObject({ ok: true, mime: "application/pdf" });
      expect(result.ok && Buffer.from(result.bytes).equals(bytes)).toBe(true);
    });
  });

  it("keeps PDFs as office software writes them (pdfkit, pdf-lib with object streams)", async () => {
    const generated = await PDFDocument.create();
    generated.addPage().drawText("Surat Kuasa");
    for (const bytes of [
      pdfFile(),
      await pdfkitDocument(),
      Buffer.from(await generated.save({ useObjectStreams: true })),
    ]) {
      expect(await checkPdf(bytes)).toMatchObject({ ok: true });
    }
  });

  it("refuses a script an incremental update hid behind a clean catalog", async () => {
    // Object 1 first holds the script (packed), then a clean catalog replaces
    // it at the end of the file; a viewer trusting an old cross-reference runs it.
    const hostile = onePagePdf({ ...HOSTILE_PDFS["script run on open"]?.pdf, packed: true });
    const update = Buffer.from(
      "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
      "latin1",
    );
    expect(await checkPdf(Buffer.concat([hostile, update]))).toMatchObject({
      reason: "ACTIVE_CONTENT",
    });
  });

  it("refuses a PDF with more objects than any document needs, without parsing them all", async () => {
    const links = Array.from(
      { length: PDF_MAX_OBJECTS },
      (_, i) =>
        `<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /A << /S /URI /URI (https://x/${i}) >> >>`,
    );
    const bytes = onePagePdf({ extra: links, packed: true });
    expect(await checkPdf(bytes)).toMatchObject({
      ok: false,
      reason: "UNDECODABLE",
      detail: expect.stringContaining(`more than ${PDF_MAX_OBJECTS} objects`),
    });
  });

  it("refuses an encrypted PDF (its strings and streams cannot be inspected)", async () => {
    const bytes = buildPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [] /Count 0 >>",
      "<< /Filter /Standard /V 2 /R 3 /O (x) /U (y) /P -4 >>",
    ]).toString("latin1");
    const encrypted = Buffer.from(
      bytes.replace("/Root 1 0 R", "/Root 1 0 R /Encrypt 3 0 R"),
      "latin1",
    );
    expect(await checkPdf(encrypted)).toMatchObject({
      ok: false,
      reason: "ACTIVE_CONTENT",
      detail: "encrypted",
    });
  });

  it("refuses what it cannot read instead of skipping it", async () => {
    const packed = onePagePdf({ packed: true });
    const at = packed.indexOf("stream\n", packed.indexOf("/Type /ObjStm")) + 7;
    const corrupt = Buffer.from(packed);
    corrupt.fill(0x00, at, at + 12); // the object stream no longer inflates
    const unknownFilter = Buffer.from(
      packed.toString("latin1").replace(/(\/ObjStm [^>]*)\/FlateDecode/u, "$1/JBIG2Decode"),
      "latin1",
    );
    expect(unknownFilter.equals(packed)).toBe(false);
    for (const bytes of [corrupt, unknownFilter]) {
      expect(await checkPdf(bytes)).toMatchObject({ ok: false, reason: "UNDECODABLE" });
    }
  });

  it("decodes names the way viewers do, lower-case escapes included", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    // pdf-lib itself writes the name plainly; the escape is put in by hand.
    doc.catalog.set(PDFName.of("OpenAction"), PDFString.of("x"));
    const saved = Buffer.from(await doc.save({ useObjectStreams: false })).toString("latin1");
    const escaped = Buffer.from(
      saved.replace("/OpenAction (x)", "/Names << /#4aavaScript 99 0 R >>"),
      "latin1",
    );
    expect(await checkPdf(escaped)).toMatchObject({ ok: false, reason: "ACTIVE_CONTENT" });
  });
});
