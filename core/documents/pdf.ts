// Shared PDF plumbing: a pdfkit document with the bundled DejaVu Sans font
// (from the dejavu-fonts-ttf npm package, so a bare machine renders
// Indonesian text without OS fonts), collected into one Buffer.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type PDFKitDocument from "pdfkit";

export type Pdf = PDFKit.PDFDocument;

export const FONT = { regular: "body", bold: "body-bold", italic: "body-italic" } as const;

const require = createRequire(import.meta.url);
// Loaded on first use: pdfkit and fontkit take a while to import, and most
// processes (the bot, tests) start far more often than they render a PDF.
let pdfkit: Promise<typeof PDFKitDocument> | undefined;
const loadPdfkit = () => {
  pdfkit ??= import("pdfkit").then((m) => m.default);
  return pdfkit;
};
let fonts: { regular: Buffer; bold: Buffer; italic: Buffer } | undefined;

/** The TTF files, read once per process. */
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    bold: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
    italic: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf")),
  };
  return fonts;
}

export const PAGE = { width: 595.28, height: 841.89, margin: 56 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

export const COLOR = {
  text: "#1a1a1a",
  muted: "#555555",
  rule: "#444444",
  light: "#e8edf3",
  bar: "#2f6690",
  barAlt: "#3a7d44",
  warn: "#b23a48",
} as const;

export interface PdfMeta {
  title: string;
  subject?: string;
  /** Recorded as the creation date, so the same input gives the same document. */
  createdAt: Date;
}

/**
 * Runs `draw` on a fresh A4 document and returns the finished file.
 * `bufferPages` lets `draw` add page numbers once the page count is known.
 */
export async function renderPdf(meta: PdfMeta, draw: (doc: Pdf) => void): Promise<Buffer> {
  const files = loadFonts();
  const PDFDocument = await loadPdfkit();
  const doc = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    bufferPages: true,
    info: {
      Title: meta.title,
      Author: "Helpdesk LPSE",
      Creator: "LPSE helpdesk bot",
      ...(meta.subject ? { Subject: meta.subject } : {}),
      CreationDate: meta.createdAt,
    },
    lang: "id-ID",
  });
  doc.registerFont(FONT.regular, files.regular);
  doc.registerFont(FONT.bold, files.bold);
  doc.registerFont(FONT.italic, files.italic);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
  draw(doc);
  doc.end();
  return done;
}

/** The office letterhead (kop surat): name, address, a double rule. Returns the y below it. */
export function letterhead(
  doc: Pdf,
  office: { name: string; address: string; contact?: string },
): number {
  const x = PAGE.margin;
  doc.font(FONT.bold).fontSize(15).fillColor(COLOR.text);
  doc.text(office.name.toUpperCase(), x, PAGE.margin, { width: CONTENT_WIDTH, align: "center" });
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted);
  doc.text(office.address, { width: CONTENT_WIDTH, align: "center" });
  if (office.contact) doc.text(office.contact, { width: CONTENT_WIDTH, align: "center" });
  const y = doc.y + 6;
  doc
    .lineWidth(2)
    .strokeColor(COLOR.rule)
    .moveTo(x, y)
    .lineTo(x + CONTENT_WIDTH, y)
    .stroke();
  doc
    .lineWidth(0.6)
    .moveTo(x, y + 3.5)
    .lineTo(x + CONTENT_WIDTH, y + 3.5)
    .stroke();
  doc.fillColor(COLOR.text).lineWidth(1);
  doc.x = x;
  doc.y = y + 16;
  return doc.y;
}

/** Label : value rows with a fixed label column; values wrap. */
export function fieldRows(
  doc: Pdf,
  rows: readonly (readonly [string, string])[],
  opts: { labelWidth?: number; fontSize?: number } = {},
): void {
  const labelWidth = opts.labelWidth ?? 150;
  const size = opts.fontSize ?? 10;
  const x = PAGE.margin;
  const valueX = x + labelWidth + 10;
  const valueWidth = CONTENT_WIDTH - labelWidth - 10;
  for (const [label, value] of rows) {
    doc.font(FONT.regular).fontSize(size);
    const height = Math.max(
      doc.heightOfString(value || "-", { width: valueWidth }),
      doc.heightOfString(label, { width: labelWidth }),
    );
    if (doc.y + height > PAGE.height - PAGE.margin - 20) doc.addPage();
    const y = doc.y;
    doc.fillColor(COLOR.muted).text(label, x, y, { width: labelWidth });
    doc.fillColor(COLOR.text).text(":", x + labelWidth, y, { width: 10 });
    doc.text(value || "-", valueX, y, { width: valueWidth });
    doc.x = x;
    doc.y = y + height + 3;
  }
}

/** A bold section heading with some space before it. */
export function sectionHeading(doc: Pdf, text: string, size = 11): void {
  if (doc.y > PAGE.height - PAGE.margin - 80) doc.addPage();
  doc.moveDown(0.6);
  doc.font(FONT.bold).fontSize(size).fillColor(COLOR.text);
  doc.text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
  doc.font(FONT.regular).fontSize(10);
}

/** A small italic note that stays on one page. */
export function note(doc: Pdf, text: string): void {
  doc.font(FONT.italic).fontSize(8);
  const height = doc.heightOfString(text, { width: CONTENT_WIDTH });
  if (doc.y + height > PAGE.height - PAGE.margin - 20) doc.addPage();
  doc.fillColor(COLOR.muted).text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
}

/** "Halaman 1 / 2" at the foot of every buffered page. */
export function pageNumbers(doc: Pdf, label: string, footer?: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
    if (footer) {
      doc.text(footer, PAGE.margin, PAGE.height - 34, {
        width: CONTENT_WIDTH - 80,
        lineBreak: false,
        ellipsis: true,
      });
    }
    doc.text(
      `${label} ${i + 1} / ${range.count}`,
      PAGE.width - PAGE.margin - 80,
      PAGE.height - 34,
      {
        width: 80,
        align: "right",
        lineBreak: false,
      },
    );
    doc.page.margins.bottom = bottom;
  }
}
