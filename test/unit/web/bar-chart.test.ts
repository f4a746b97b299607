// The report page's bar chart: long stage names wrap inside the label column
// instead of running past the chart's left edge.
import { describe, expect, it } from "vitest";
import { barChart, labelLines } from "../../../bot/web/bar-chart.ts";

describe("bar chart labels", () => {
  it("keeps a short label on one line", () => {
    expect(labelLines("Helpdesk")).toEqual(["Helpdesk"]);
  });

  it("wraps a long stage name at spaces and slashes, every line within the column", () => {
    const label = "Verifikator/Admin/Bidang yang menangani menerima, menganalisa dan menangani";
    const lines = labelLines(label);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(28);
    expect(lines.join(" ").replace(/\/ /gu, "/")).toBe(label);
  });

  it("cuts a word longer than a line into pieces", () => {
    const lines = labelLines("x".repeat(60));
    expect(lines).toEqual(["x".repeat(28), "x".repeat(28), "x".repeat(4)]);
  });

  it("draws one row per bar, each wrapped label as tspans, escaped, and grows the chart", () => {
    const short = barChart("Per tahap", [{ label: "A", value: 1 }]);
    const long = barChart("Per tahap", [
      { label: "Verifikator/Admin/Bidang yang menangani <b>", value: 3, text: "3 tiket" },
      { label: "Helpdesk", value: 1 },
    ]);
    expect(long).toContain("&#60;b&#62;");
    expect(long).not.toContain("<b>");
    expect(long.match(/<rect /gu)).toHaveLength(2);
    expect(long.match(/<tspan /gu)?.length).toBe(3);
    const height = (svg: string) => Number(/height="(\d+(?:\.\d+)?)" viewBox/u.exec(svg)?.[1]);
    expect(height(long)).toBeGreaterThan(height(short) * 2);
    expect(long).toContain(">3 tiket</text>");
  });
});
