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
const LABEL_W = 230;
const BAR_W = 360;
const WIDTH = LABEL_W + BAR_W + 80;

export function barChart(title: string, bars: readonly Bar[], max?: number): string {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const height = bars.length * ROW + 8;
  const rows = bars
    .map((bar, i) => {
      const y = i * ROW + 4;
      const w = Math.round((Math.max(bar.value, 0) / top) * BAR_W);
      return `<text x="${LABEL_W - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(bar.label)}</text>
<rect x="${LABEL_W}" y="${y + 4}" width="${w}" height="${ROW - 8}" fill="#3b6ea5" stroke="#1d3b5c"></rect>
<text x="${LABEL_W + w + 6}" y="${y + 17}">${escapeHtml(bar.text ?? String(bar.value))}</text>`;
    })
    .join("\n");
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-size="14" font-family="system-ui,sans-serif" style="max-width:100%;height:auto">
<title>${escapeHtml(title)}</title>
${rows}</svg><figcaption>${escapeHtml(title)}</figcaption></figure>`;
}
