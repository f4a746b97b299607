// The monthly report for office staff: summary, tickets by category, channel
// and status, service-time compliance per stage, handling times, the IKM per
// element and overall, and complaints. Charts are vector bars (charts.ts).
import {
  durationText,
  longDateTime,
  MONTHLY_REPORT as T,
} from "../content/messages/documents.messages.ts";
import { horizontalBarChart } from "./charts.ts";
import type { CountRow, MonthlyReport } from "./monthly-report.model.ts";
import {
  COLOR,
  CONTENT_WIDTH,
  FONT,
  fieldRows,
  letterhead,
  note,
  PAGE,
  type Pdf,
  pageNumbers,
  renderPdf,
  sectionHeading,
} from "./pdf.ts";
import { selfServicePdfSection } from "./self-service-report.ts";

/** 82,5 / 3,2500: Indonesian decimal comma. */
export function idNumber(value: number, digits = 2): string {
  return value.toLocaleString("id-ID", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export const percentText = (rate: number | null) =>
  rate === null ? T.notApplicable : `${idNumber(rate * 100, 1)}%`;

export const minutesText = (minutes: number | null) =>
  minutes === null ? T.notApplicable : durationText(minutes);

export function ikmText(report: MonthlyReport): string {
  const { ikm, grade } = report.ikm;
  return ikm === null || grade === null
    ? T.notApplicable
    : `${idNumber(ikm)} (${grade.letter}, ${grade.label.id})`;
}

interface Column {
  header: string;
  width: number;
  align?: "left" | "right" | "center";
}

function table(doc: Pdf, columns: readonly Column[], rows: readonly (readonly string[])[]): void {
  const x0 = PAGE.margin;
  const rowHeight = 15;
  const drawRow = (cells: readonly string[], bold: boolean, shade: boolean) => {
    if (doc.y + rowHeight > PAGE.height - PAGE.margin - 20) doc.addPage();
    const y = doc.y;
    if (shade) doc.rect(x0, y - 2, CONTENT_WIDTH, rowHeight).fill(COLOR.light);
    let x = x0;
    doc
      .font(bold ? FONT.bold : FONT.regular)
      .fontSize(8.5)
      .fillColor(COLOR.text);
    columns.forEach((column, i) => {
      doc.text(cells[i] ?? "", x + 3, y + 1, {
        width: column.width - 6,
        align: column.align ?? "left",
        lineBreak: false,
        ellipsis: true,
      });
      x += column.width;
    });
    doc.x = x0;
    doc.y = y + rowHeight;
  };
  drawRow(
    columns.map((c) => c.header),
    true,
    true,
  );
  for (const row of rows) drawRow(row, false, false);
  doc.font(FONT.regular).fontSize(10);
  doc.moveDown(0.4);
}

const countBars = (rows: readonly CountRow[]) =>
  rows.map((row) => ({ label: row.label, value: row.count }));

export function renderMonthlyReportPdf(report: MonthlyReport): Promise<Buffer> {
  return renderPdf(
    {
      title: `${T.title} ${report.monthLabel}`,
      subject: report.office.name,
      createdAt: report.generatedAt,
    },
    (doc) => {
      letterhead(doc, report.office);
      doc.font(FONT.bold).fontSize(13).fillColor(COLOR.text);
      doc.text(T.title, PAGE.margin, doc.y, { width: CONTENT_WIDTH, align: "center" });
      doc.font(FONT.regular).fontSize(10);
      doc.text(`${T.period}: ${report.monthLabel}`, { width: CONTENT_WIDTH, align: "center" });
      doc.moveDown(0.5);

      sectionHeading(doc, T.summary);
      fieldRows(
        doc,
        [
          [T.ticketsTotal, String(report.tickets.total)],
          [T.resolved, String(report.handling.resolved)],
          [T.medianHandling, minutesText(report.handling.medianMinutes)],
          [T.p90Handling, minutesText(report.handling.p90Minutes)],
          [T.compliance, percentText(report.compliance.overall.rate)],
          [T.ikm, `${ikmText(report)}, ${report.ikm.respondents} ${T.respondents.toLowerCase()}`],
          [T.complaints, String(report.complaints.total)],
          [T.generatedAt, longDateTime(report.generatedAt, "id")],
        ],
        { labelWidth: 230 },
      );

      sectionHeading(doc, T.ticketsSection);
      horizontalBarChart(doc, {
        title: T.byCategory,
        bars: countBars(report.tickets.byCategory),
        emptyText: T.none,
      });
      horizontalBarChart(doc, {
        title: T.byChannel,
        bars: countBars(report.tickets.byChannel),
        color: COLOR.barAlt,
        emptyText: T.none,
      });
      horizontalBarChart(doc, {
        title: T.byStatus,
        bars: countBars(report.tickets.byStatus),
        emptyText: T.none,
      });

      sectionHeading(doc, T.compliance);
      horizontalBarChart(doc, {
        title: T.complianceChart,
        max: 100,
        color: COLOR.barAlt,
        bars: [...report.compliance.stages, report.compliance.overall].map((stage) => ({
          label: stage.label,
          value: stage.rate === null ? 0 : stage.rate * 100,
          valueLabel: `${percentText(stage.rate)} (${stage.onTime}/${stage.finished})`,
        })),
      });
      table(
        doc,
        [
          { header: T.stage, width: 250 },
          { header: T.finished, width: 70, align: "right" },
          { header: T.onTime, width: 80, align: "right" },
          { header: T.rate, width: CONTENT_WIDTH - 400, align: "right" },
        ],
        [...report.compliance.stages, report.compliance.overall].map((stage) => [
          stage.label,
          String(stage.finished),
          String(stage.onTime),
          percentText(stage.rate),
        ]),
      );
      note(doc, T.complianceNote);

      sectionHeading(doc, T.handling);
      fieldRows(doc, [
        [T.resolved, String(report.handling.resolved)],
        [T.median, minutesText(report.handling.medianMinutes)],
        [T.p90, minutesText(report.handling.p90Minutes)],
      ]);

      sectionHeading(doc, T.ikm);
      if (report.ikm.respondents === 0) {
        doc.font(FONT.italic).fontSize(9).fillColor(COLOR.muted);
        doc.text(T.noSurvey, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
        doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
      } else {
        fieldRows(doc, [
          [T.respondents, String(report.ikm.respondents)],
          [T.ikm, ikmText(report)],
        ]);
        table(
          doc,
          [
            { header: T.element, width: 225 },
            { header: T.nrr, width: 60, align: "right" },
            { header: T.weighted, width: 85, align: "right" },
            { header: T.value, width: 60, align: "right" },
            { header: T.grade, width: CONTENT_WIDTH - 430, align: "center" },
          ],
          report.ikm.elements.map((e) => [
            `${e.code} ${e.name.id}`,
            e.nrr === null ? T.notApplicable : idNumber(e.nrr, 2),
            e.weighted === null ? T.notApplicable : idNumber(e.weighted, 3),
            e.converted === null ? T.notApplicable : idNumber(e.converted, 2),
            e.grade === null ? T.notApplicable : e.grade.letter,
          ]),
        );
        horizontalBarChart(doc, {
          title: T.ikmChart,
          max: 100,
          bars: report.ikm.elements.map((e) => ({
            label: `${e.code} ${e.name.id}`,
            value: e.converted ?? 0,
            valueLabel: e.converted === null ? T.notApplicable : idNumber(e.converted, 2),
          })),
        });
        note(doc, T.ikmNote);
      }

      sectionHeading(doc, T.complaints);
      fieldRows(doc, [
        [T.count, String(report.complaints.total)],
        ...report.complaints.byStatus.map((row) => [row.label, String(row.count)] as const),
      ]);
      if (report.selfService) selfServicePdfSection(doc, report.selfService);

      pageNumbers(doc, T.pageLabel, `${report.office.name} · ${T.title} ${report.monthLabel}`);
    },
  );
}
