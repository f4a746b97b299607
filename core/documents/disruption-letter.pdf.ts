// The "Surat Keterangan Gangguan LPSE": the office's statement that SPSE was
// disrupted for a tender/package during a time window, which lets the
// affected parties ask for a schedule change. A preview carries a large
// PRATINJAU / PREVIEW mark and no number; only an issued letter has one.
import {
  DISRUPTION_LETTER,
  durationText,
  LETTER_PLACE,
  longDate,
  longDateTime,
} from "../content/messages/documents.messages.ts";
import {
  COLOR,
  CONTENT_WIDTH,
  FONT,
  fieldRows,
  letterhead,
  PAGE,
  type Pdf,
  renderPdf,
} from "./pdf.ts";

export interface DisruptionLetterData {
  office: { name: string; address: string; contact?: string };
  /** null: a preview, numbered only when issued. */
  number: string | null;
  issuedAt: Date;
  ticketNumber: string;
  tenderCode: string;
  disruptionStart: Date;
  disruptionEnd: Date;
  affectedParties: string;
  signer: { name: string; position: string; nip: string };
}

function previewMark(doc: Pdf): void {
  doc.save();
  doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
  doc.font(FONT.bold).fontSize(54).fillColor(COLOR.warn).fillOpacity(0.18);
  doc.text(DISRUPTION_LETTER.previewMark, 0, PAGE.height / 2 - 30, {
    width: PAGE.width,
    align: "center",
    lineBreak: false,
  });
  doc.restore();
  doc.fillOpacity(1).fillColor(COLOR.text);
}

export function renderDisruptionLetter(data: DisruptionLetterData): Promise<Buffer> {
  const preview = data.number === null;
  return renderPdf(
    {
      title: `${DISRUPTION_LETTER.title}${data.number ? ` ${data.number}` : ""}`,
      subject: `${data.tenderCode} / ${data.ticketNumber}`,
      createdAt: data.issuedAt,
    },
    (doc) => {
      if (preview) previewMark(doc);
      letterhead(doc, data.office);
      doc.font(FONT.bold).fontSize(13).fillColor(COLOR.text);
      doc.text(DISRUPTION_LETTER.title, PAGE.margin, doc.y, {
        width: CONTENT_WIDTH,
        align: "center",
        underline: true,
      });
      doc.font(FONT.regular).fontSize(10);
      doc.text(`${DISRUPTION_LETTER.number}: ${data.number ?? DISRUPTION_LETTER.previewNumber}`, {
        width: CONTENT_WIDTH,
        align: "center",
      });
      doc.moveDown(1.5);

      doc.text(DISRUPTION_LETTER.opening, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
      doc.moveDown(0.4);
      fieldRows(
        doc,
        [
          [DISRUPTION_LETTER.signerName, data.signer.name],
          [DISRUPTION_LETTER.signerPosition, data.signer.position],
          ...(data.signer.nip && data.signer.nip !== "-"
            ? [[DISRUPTION_LETTER.signerNip, data.signer.nip] as const]
            : []),
        ],
        { labelWidth: 130 },
      );
      doc.moveDown(0.4);
      doc.text(DISRUPTION_LETTER.statement(data.office.name), PAGE.margin, doc.y, {
        width: CONTENT_WIDTH,
        align: "justify",
      });
      doc.moveDown(0.4);
      const minutes = (data.disruptionEnd.getTime() - data.disruptionStart.getTime()) / 60_000;
      fieldRows(
        doc,
        [
          [DISRUPTION_LETTER.tenderCode, data.tenderCode],
          [
            DISRUPTION_LETTER.window,
            `${longDateTime(data.disruptionStart, "id")} ${DISRUPTION_LETTER.until} ${longDateTime(
              data.disruptionEnd,
              "id",
            )}`,
          ],
          [DISRUPTION_LETTER.duration, durationText(minutes)],
          [DISRUPTION_LETTER.affectedParties, data.affectedParties],
          [DISRUPTION_LETTER.ticketNumber, data.ticketNumber],
        ],
        { labelWidth: 130 },
      );
      doc.moveDown(0.6);
      doc.text(DISRUPTION_LETTER.closing, PAGE.margin, doc.y, {
        width: CONTENT_WIDTH,
        align: "justify",
      });

      // Signature block on the right half.
      doc.moveDown(2);
      const x = PAGE.margin + CONTENT_WIDTH / 2;
      const width = CONTENT_WIDTH / 2;
      doc.text(`${LETTER_PLACE}, ${longDate(data.issuedAt, "id")}`, x, doc.y, { width });
      doc.text(data.signer.position, x, doc.y, { width });
      doc.moveDown(4);
      doc.font(FONT.bold).text(data.signer.name, x, doc.y, { width, underline: true });
      doc.font(FONT.regular);
      if (data.signer.nip && data.signer.nip !== "-") {
        doc.text(`${DISRUPTION_LETTER.signerNip}. ${data.signer.nip}`, x, doc.y, { width });
      }
    },
  );
}
