// A horizontal bar chart as inline SVG, drawn on the server: one bar per row
// with its label and value written beside it, so the chart reads the same
// without colour and with a screen reader (role="img" plus a text title; the
// same figures are in a table under it).
import { escapeHtml } from "./html.ts";

export interface Bar {
  label: string;
  value: number;
  /** What is written after the bar ("12", "83%"); the value when absent. */
  text?: string;
}

const ROW = 26;
const LINE = 17;
const LABEL_W = 230;
/** Characters of a label line that fit LABEL_W at 14 px (a wide average glyph). */
const LABEL_CHARS = 28;
const BAR_W = 360;
const WIDTH = LABEL_W + BAR_W + 80;

/**
 * A label as lines of at most LABEL_CHARS, broken at spaces or slashes (a
 * stage such as "Verifikator/Admin/Bidang yang menangani"); a word longer than
 * a line is cut into pieces, so nothing runs past the chart's left edge.
 */
export function labelLines(label: string, width = LABEL_CHARS): string[] {
  const words = label.trim().split(/(?<=[\s/])/u);
  const lines: string[] = [];
  let line = "";
  for (const word of words.flatMap((w) => w.match(new RegExp(`.{1,${width}}`, "gu")) ?? [])) {
    if (line !== "" && (line + word).trimEnd().length > width) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += word;
  }
  if (line.trim() !== "" || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

export function barChart(title: string, bars: readonly Bar[], max?: number): string {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  let y = 4;
  const rows = bars.map((bar) => {
    const lines = labelLines(bar.label);
    const rowHeight = Math.max(ROW, lines.length * LINE + 9);
    // The bar sits in the middle of its label's lines.
    const mid = y + rowHeight / 2;
    const w = Math.round((Math.max(bar.value, 0) / top) * BAR_W);
    const firstBaseline = mid - ((lines.length - 1) * LINE) / 2 + 5;
    const label = lines
      .map(
        (text, i) =>
          `<tspan x="${LABEL_W - 8}" y="${firstBaseline + i * LINE}">${escapeHtml(text)}</tspan>`,
      )
      .join("");
    const row = `<text text-anchor="end">${label}</text>
<rect x="${LABEL_W}" y="${mid - (ROW - 8) / 2}" width="${w}" height="${ROW - 8}" fill="#3b6ea5" stroke="#1d3b5c"></rect>
<text x="${LABEL_W + w + 6}" y="${mid + 5}">${escapeHtml(bar.text ?? String(bar.value))}</text>`;
    y += rowHeight;
    return row;
  });
  const height = y + 4;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-size="14" font-family="system-ui,sans-serif" style="max-width:100%;height:auto">
<title>${escapeHtml(title)}</title>
${rows.join("\n")}</svg><figcaption>${escapeHtml(title)}</figcaption></figure>`;
}
