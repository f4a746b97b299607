// Finding tickets by the applicant's NIK, phone number or name, within the
// list's filters. The term arrives in a posted form (never a URL) and is
// neither logged nor audited; the audit keeps the kind and the count.
// - NIK: exact only, through the keyed hash the ticket already has
//   (tickets.nik_hash), so a part of a NIK finds nothing.
// - Phone: the WhatsApp contact's keyed id hash, or the number typed in the
//   form (sealed, opened in the scan below), after the domain's normalisation.
// - Name: there is no index of names (they are sealed), so the newest
//   SEARCH_SCAN_LIMIT tickets matching the filters are opened and compared.

import { validateNik } from "../../core/domain/shared/nik.validator.ts";
import { normalizeIndonesianMobile } from "../../core/domain/shared/phone.normalizer.ts";
import type { Cipher } from "../../core/infra/crypto.ts";
import type { Prisma } from "../../core/infra/db.ts";
import { contactIdHash } from "../../core/infra/stores/contact.store.ts";
import { NIK_HASH } from "../../core/infra/stores/ticket.store.ts";
import { openTicketApplicant } from "../../core/infra/stores/ticket-applicant.ts";
import type { SlaDeps } from "./sla-state.ts";
import type { TicketFilter } from "./tickets.filter.ts";
import { NEWEST_FIRST, TICKET_ROW_SELECT, type TicketRow, ticketWhere } from "./tickets.query.ts";

export const SEARCH_RESULT_LIMIT = 50;
export const SEARCH_SCAN_LIMIT = 2000;

export type SearchTerm =
  | { kind: "nik"; nik: string }
  | { kind: "telepon"; phone: string }
  | { kind: "nama"; name: string };

const normaliseName = (s: string) =>
  s.normalize("NFKC").toLocaleLowerCase("id-ID").replace(/\s+/gu, " ").trim();

/** The term of a posted search, or why it cannot be searched (in Bahasa Indonesia). */
export function parseSearchTerm(
  kind: unknown,
  text: unknown,
): { ok: true; term: SearchTerm } | { ok: false; message: string } {
  const raw = typeof text === "string" ? text.slice(0, 200) : "";
  switch (kind) {
    case "nik": {
      const nik = validateNik(raw);
      return nik.ok
        ? { ok: true, term: { kind: "nik", nik: nik.value.nik } }
        : { ok: false, message: "NIK harus 16 angka yang lengkap; pencarian NIK harus persis." };
    }
    case "telepon": {
      const phone = normalizeIndonesianMobile(raw);
      return phone.ok
        ? { ok: true, term: { kind: "telepon", phone: phone.value } }
        : { ok: false, message: "Nomor telepon tidak valid. Contoh: 0812 3456 7890." };
    }
    case "nama": {
      const name = normaliseName(raw);
      return name.length >= 3
        ? { ok: true, term: { kind: "nama", name } }
        : { ok: false, message: "Nama yang dicari sekurang-kurangnya 3 huruf." };
    }
    default:
      return { ok: false, message: "Jenis pencarian tidak dikenal." };
  }
}

const SEALED = {
  id: true,
  applicantNameEnc: true,
  nikEnc: true,
  emailEnc: true,
  phoneEnc: true,
  descriptionEnc: true,
  applicantName: true,
  email: true,
  description: true,
} as const;

function matches(
  cipher: Cipher,
  term: SearchTerm,
  row: Prisma.TicketGetPayload<{ select: typeof SEALED }>,
) {
  let applicant: ReturnType<typeof openTicketApplicant>;
  try {
    applicant = openTicketApplicant(cipher, row);
  } catch {
    // A box no configured key opens cannot match; the others still can.
    return false;
  }
  if (term.kind === "nama") return normaliseName(applicant.name ?? "").includes(term.name);
  if (term.kind === "telepon") {
    const typed = applicant.phone ? normalizeIndonesianMobile(applicant.phone) : null;
    return typed?.ok === true && typed.value === term.phone;
  }
  return false;
}

export async function searchTickets(
  deps: SlaDeps & { cipher: Cipher },
  filter: TicketFilter,
  term: SearchTerm,
  now: Date,
): Promise<{ rows: TicketRow[]; capped: boolean }> {
  const where = await ticketWhere(deps, filter, now);
  const found = async (narrow: Prisma.TicketWhereInput) => {
    const rows = await deps.prisma.ticket.findMany({
      where: { AND: [where, narrow] },
      orderBy: NEWEST_FIRST,
      take: SEARCH_RESULT_LIMIT + 1,
      select: TICKET_ROW_SELECT,
    });
    return { rows: rows.slice(0, SEARCH_RESULT_LIMIT), capped: rows.length > SEARCH_RESULT_LIMIT };
  };
  if (term.kind === "nik") return found({ nikHash: deps.cipher.hash(NIK_HASH, term.nik) });

  const scanned = await deps.prisma.ticket.findMany({
    where,
    orderBy: NEWEST_FIRST,
    take: SEARCH_SCAN_LIMIT,
    select: SEALED,
  });
  const ids = scanned.filter((row) => matches(deps.cipher, term, row)).map((row) => row.id);
  const narrow: Prisma.TicketWhereInput[] = [{ id: { in: ids } }];
  if (term.kind === "telepon") {
    const jid = `${term.phone.slice(1)}@s.whatsapp.net`;
    narrow.push({ contact: { externalIdHash: contactIdHash(deps.cipher, "WHATSAPP", jid) } });
  }
  const result = await found({ OR: narrow });
  return { rows: result.rows, capped: result.capped || scanned.length === SEARCH_SCAN_LIMIT };
}
