// The applicant's answers on a ticket, opened for the few readers that need
// them (the desk card, the request form, "data saya"). Sealed columns first;
// a ticket filed before sealing still has them in plain text until
// `npm run keys:rotate` seals it. An anonymised ticket has none.
import type { Cipher } from "../crypto.ts";
import type { Ticket } from "../db.ts";
import { bound, type SealedColumn } from "../sealed-columns.ts";

export interface TicketApplicant {
  name: string | null;
  nik: string | null;
  email: string | null;
  phone: string | null;
  description: string | null;
}

type SealedTicketRow = Pick<
  Ticket,
  | "id"
  | "applicantNameEnc"
  | "nikEnc"
  | "emailEnc"
  | "phoneEnc"
  | "descriptionEnc"
  | "applicantName"
  | "email"
  | "description"
>;

export function openTicketApplicant(cipher: Cipher, ticket: SealedTicketRow): TicketApplicant {
  const open = (column: SealedColumn, sealed: Uint8Array | null) =>
    sealed === null ? null : cipher.openText(Buffer.from(sealed), bound(column, ticket.id));
  return {
    name: open("tickets.applicant_name_enc", ticket.applicantNameEnc) ?? ticket.applicantName,
    nik: open("tickets.nik_enc", ticket.nikEnc),
    email: open("tickets.email_enc", ticket.emailEnc) ?? ticket.email,
    phone: open("tickets.phone_enc", ticket.phoneEnc),
    description: open("tickets.description_enc", ticket.descriptionEnc) ?? ticket.description,
  };
}
