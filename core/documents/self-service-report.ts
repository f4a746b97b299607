// The self-service section of the monthly report: PDF rows, CSV rows, summary line.
import { SELF_SERVICE_REPORT as T } from "../content/messages/self-service-report.messages.ts";
import type { SelfServiceFigures } from "./monthly-report.model.ts";
import { fieldRows, note, type Pdf, sectionHeading } from "./pdf.ts";

const percent = (rate: number | null) =>
  rate === null ? T.none : `${(rate * 100).toFixed(1).replace(".", ",")} %`;

export function selfServicePdfSection(doc: Pdf, figures: SelfServiceFigures): void {
  sectionHeading(doc, T.section);
  fieldRows(doc, [
    [T.offers, String(figures.offers)],
    [T.opened, String(figures.opened)],
    [T.answered, String(figures.answered)],
    [T.notAnswered, String(figures.notAnswered)],
    [T.deflection, percent(figures.deflectionRate)],
    [T.noMatch, String(figures.noMatch.searches)],
  ]);
  sectionHeading(doc, T.mostOpened, 10);
  fieldRows(
    doc,
    figures.mostOpened.length
      ? figures.mostOpened.map((row) => [row.label, T.openedLine(row.count, row.answered)] as const)
      : [[T.none, ""]],
  );
  sectionHeading(doc, T.noMatchTerms, 10);
  fieldRows(
    doc,
    figures.noMatch.terms.length
      ? figures.noMatch.terms.map((row) => [row.label, String(row.count)] as const)
      : [[T.none, ""]],
  );
  note(doc, T.note);
}

type Add = (
  section: string,
  key: string,
  label: string,
  measure: string,
  value: number | null,
) => void;

export function selfServiceCsvRows(add: Add, figures: SelfServiceFigures): void {
  add("mandiri", "OFFERED", T.offers, "jumlah", figures.offers);
  add("mandiri", "OPENED", T.opened, "jumlah", figures.opened);
  add("mandiri", "RESOLVED", T.answered, "jumlah", figures.answered);
  add("mandiri", "NOT_RESOLVED", T.notAnswered, "jumlah", figures.notAnswered);
  add(
    "mandiri",
    "DEFLECTION",
    T.deflection,
    "persen",
    figures.deflectionRate === null ? null : Math.round(figures.deflectionRate * 10_000) / 100,
  );
  for (const row of figures.mostOpened) {
    add("artikel", row.key, row.label, "dibuka", row.count);
    add("artikel", row.key, row.label, "terjawab", row.answered);
  }
  add("tanpa_hasil", "TOTAL", T.noMatch, "jumlah", figures.noMatch.searches);
  for (const row of figures.noMatch.terms)
    add("tanpa_hasil", row.key, row.label, "jumlah", row.count);
}

export function selfServiceSummaryLine(figures: SelfServiceFigures): string {
  return T.summary(figures.answered, percent(figures.deflectionRate), figures.noMatch.searches);
}
