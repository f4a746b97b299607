// Vector charts drawn with pdfkit paths: one filled rectangle per bar, so
// the report prints sharply and a test can count the bars.
import { COLOR, CONTENT_WIDTH, FONT, PAGE, type Pdf } from "./pdf.ts";

export interface Bar {
  label: string;
  value: number;
  /** Printed after the bar; the value itself when absent. */
  valueLabel?: string;
}

export interface BarChartOptions {
  title: string;
  bars: readonly Bar[];
  /** The value of a full-length bar; the largest value when absent. */
  max?: number;
  color?: string;
  /** Shown instead of the chart when there are no bars. */
  emptyText?: string;
}

const LABEL_WIDTH = 170;
const VALUE_WIDTH = 70;
const BAR_HEIGHT = 13;
const GAP = 6;

/** A horizontal bar chart at the current position; moves doc.y below it. */
export function horizontalBarChart(doc: Pdf, opts: BarChartOptions): void {
  const height = 22 + Math.max(1, opts.bars.length) * (BAR_HEIGHT + GAP) + 8;
  if (doc.y + height > PAGE.height - PAGE.margin - 20) doc.addPage();
  const x = PAGE.margin;
  doc.font(FONT.bold).fontSize(10).fillColor(COLOR.text);
  doc.text(opts.title, x, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
  if (opts.bars.length === 0) {
    doc.font(FONT.italic).fontSize(9).fillColor(COLOR.muted);
    doc.text(opts.emptyText ?? "-", x, doc.y, { width: CONTENT_WIDTH });
    doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
    doc.moveDown(0.5);
    return;
  }
  const max = opts.max ?? Math.max(...opts.bars.map((b) => b.value), 1);
  const barX = x + LABEL_WIDTH + 6;
  const barWidth = CONTENT_WIDTH - LABEL_WIDTH - 6 - VALUE_WIDTH;
  let y = doc.y + 2;
  // The axis.
  doc
    .lineWidth(0.6)
    .strokeColor(COLOR.rule)
    .moveTo(barX, y - 2)
    .lineTo(barX, y + opts.bars.length * (BAR_HEIGHT + GAP) - GAP + 2)
    .stroke();
  for (const bar of opts.bars) {
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.text);
    doc.text(bar.label, x, y + 2, {
      width: LABEL_WIDTH,
      height: BAR_HEIGHT - 2,
      align: "right",
      ellipsis: true,
    });
    const length = max > 0 ? Math.max(0, Math.min(1, bar.value / max)) * barWidth : 0;
    doc.rect(barX, y, Math.max(length, 0.5), BAR_HEIGHT).fill(opts.color ?? COLOR.bar);
    doc.fillColor(COLOR.text).text(bar.valueLabel ?? String(bar.value), barX + length + 4, y + 2, {
      width: VALUE_WIDTH,
      lineBreak: false,
    });
    y += BAR_HEIGHT + GAP;
  }
  doc.x = x;
  doc.y = y + 6;
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
}
