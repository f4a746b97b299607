// The "Formulir Permohonan Penanganan Masalah Pengguna": the user's answers
// on one page, in their language, as their receipt and as the ticket's
// paper record. It receives the NIK already masked: the full number never
// reaches the renderer.
import type { Language } from "../content/language.ts";
import {
  consentStatement,
  longDate,
  longDateTime,
  REQUEST_FORM,
} from "../content/messages/documents.messages.ts";
import {
  COLOR,
  CONTENT_WIDTH,
  FONT,
  fieldRows,
  letterhead,
  PAGE,
  pageNumbers,
  renderPdf,
  sectionHeading,
} from "./pdf.ts";

export interface RequestFormData {
  language: Language;
  office: { name: string; address: string; contact?: string };
  ticketNumber: string;
  submittedAt: Date;
  applicant: {
    name: string;
    /** Masked: 6171••••••••0001. */
    maskedNik: string;
    role: string;
    organisation: string;
    email: string;
    /** Masked: +62812•••••890. */
    maskedPhone: string;
  };
  /** The category's label in `language`. */
  category: string;
  tenderCode: string | null;
  bidDeadline: Date | null;
  actingForOther: boolean;
  description: string;
  /** Documents attached, by name, with how many of each. */
  attachments: readonly { label: string; count: number }[];
  consentAt: Date;
}

export function renderRequestForm(data: RequestFormData): Promise<Buffer> {
  const l = data.language;
  return renderPdf(
    { title: `${REQUEST_FORM.title} ${data.ticketNumber}`, createdAt: data.submittedAt },
    (doc) => {
      letterhead(doc, data.office);
      doc.font(FONT.bold).fontSize(13).fillColor(COLOR.text);
      doc.text(REQUEST_FORM.title, PAGE.margin, doc.y, { width: CONTENT_WIDTH, align: "center" });
      doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted);
      doc.text(REQUEST_FORM.subtitle[l], { width: CONTENT_WIDTH, align: "center" });
      doc.moveDown(0.8).fillColor(COLOR.text);

      fieldRows(doc, [
        [REQUEST_FORM.ticketNumber[l], data.ticketNumber],
        [REQUEST_FORM.submittedAt[l], longDateTime(data.submittedAt, l)],
      ]);

      sectionHeading(doc, REQUEST_FORM.applicantSection[l]);
      fieldRows(doc, [
        [REQUEST_FORM.name[l], data.applicant.name],
        [REQUEST_FORM.nik[l], data.applicant.maskedNik],
        [REQUEST_FORM.role[l], data.applicant.role],
        [REQUEST_FORM.organisation[l], data.applicant.organisation],
        [REQUEST_FORM.email[l], data.applicant.email],
        [REQUEST_FORM.phone[l], data.applicant.maskedPhone],
        [
          REQUEST_FORM.actingForOther[l],
          data.actingForOther ? REQUEST_FORM.yes[l] : REQUEST_FORM.no[l],
        ],
      ]);

      sectionHeading(doc, REQUEST_FORM.requestSection[l]);
      fieldRows(doc, [
        [REQUEST_FORM.category[l], data.category],
        ...(data.tenderCode ? [[REQUEST_FORM.tenderCode[l], data.tenderCode] as const] : []),
        ...(data.bidDeadline
          ? [[REQUEST_FORM.bidDeadline[l], longDateTime(data.bidDeadline, l)] as const]
          : []),
        [REQUEST_FORM.description[l], data.description],
      ]);

      sectionHeading(doc, REQUEST_FORM.attachmentsSection[l]);
      if (data.attachments.length === 0) {
        doc.text(REQUEST_FORM.noAttachments[l], PAGE.margin, doc.y, { width: CONTENT_WIDTH });
      } else {
        data.attachments.forEach((item, i) => {
          const count = item.count > 1 ? ` (${item.count})` : "";
          doc.text(`${i + 1}. ${item.label}${count}`, PAGE.margin + 10, doc.y, {
            width: CONTENT_WIDTH - 10,
          });
        });
      }

      sectionHeading(doc, REQUEST_FORM.consentSection[l]);
      doc.font(FONT.regular).fontSize(9).fillColor(COLOR.text);
      doc.text(consentStatement(data.consentAt)[l].replaceAll("\n\n", "\n"), PAGE.margin, doc.y, {
        width: CONTENT_WIDTH,
        align: "justify",
        paragraphGap: 4,
      });

      doc.moveDown(1);
      doc.font(FONT.regular).fontSize(10);
      doc.text(`${data.office.name}, ${longDate(data.submittedAt, l)}`, PAGE.margin, doc.y, {
        width: CONTENT_WIDTH,
        align: "right",
      });

      doc.moveDown(1);
      doc.font(FONT.italic).fontSize(8).fillColor(COLOR.muted);
      doc.text(REQUEST_FORM.footer[l], PAGE.margin, doc.y, { width: CONTENT_WIDTH });
      pageNumbers(doc, REQUEST_FORM.pageLabel[l]);
    },
  );
}
