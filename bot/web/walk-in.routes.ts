// GET/POST /konsol/tiket/baru: an agent (HELPDESK, SUPERVISOR) files a
// ticket for a citizen who came in person or wrote an e-mail. The form is
// multipart (@fastify/multipart, in this route's own context only); the
// answers are checked as the chat checks them (validateWalkIn), the files by
// their bytes, and the ticket is filed by core/app/walk-in-ticket.ts.
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  fileWalkInTicket,
  type WalkInDeps,
  type WalkInFile,
  type WalkInFileKind,
} from "../../core/app/walk-in-ticket.ts";
import {
  type ConversationSettings,
  validateWalkIn,
  type WalkInField,
} from "../../core/domain/conversation/index.ts";
import { sendHtml, sendMessage, viewerOf } from "./respond.ts";
import { ticketPath } from "./ticket.page.ts";
import { type FormError, type FormField, WALK_IN_PATH, walkInPage } from "./walk-in.page.ts";

export interface WalkInRouteDeps extends Omit<WalkInDeps, "maxFileBytes"> {
  /** The chat intake's settings: categories, description length. */
  intake: ConversationSettings;
  upload: { maxBytes: number; maxFiles: number };
  /** An SMTP server is set (SMTP_URL): the applicant may be notified by e-mail. */
  emailNotify: boolean;
}

const ACCESS = ["HELPDESK", "SUPERVISOR"] as const;

/** The file inputs and the kind each file is stored as. */
const FILE_FIELDS: Readonly<Record<string, WalkInFileKind>> = {
  ktp: "KTP",
  surat_kuasa: "SURAT_KUASA",
  surat_permohonan: "REQUEST_LETTER",
  tangkapan_layar: "SCREENSHOT",
};

const FIELD_OF: Readonly<Record<WalkInField, FormField>> = {
  category: "kategori",
  role: "peran",
  name: "nama",
  nik: "nik",
  organisation: "organisasi",
  email: "email",
  phone: "telepon",
  tenderCode: "kode_tender",
  description: "uraian",
  actingForOther: "atas_nama",
  consent: "persetujuan",
};

const FILE_REFUSED: Readonly<Record<string, string>> = {
  TOO_LARGE: "berkas terlalu besar",
  EMPTY: "berkas kosong",
  ACTIVE_CONTENT: "PDF berisi skrip, tautan aksi atau berkas lain, atau terenkripsi",
  RATE_LIMITED: "terlalu banyak berkas dalam waktu singkat",
};
const NOT_ACCEPTED = "bukan foto (JPEG, PNG, WebP) atau PDF yang dapat kami terima";

const SOURCE = { DATANG_LANGSUNG: "WALK_IN", EMAIL: "EMAIL" } as const;

type Body = Record<string, unknown>;
const text = (body: Body, name: string) => {
  const value = body[name];
  return typeof value === "string" ? value.slice(0, 5000) : "";
};

function filesOf(body: Body): WalkInFile[] {
  return Object.entries(FILE_FIELDS).flatMap(([name, kind]) =>
    [body[name]]
      .flat()
      // An input left empty still sends a part with no bytes.
      .filter((v): v is Buffer => Buffer.isBuffer(v) && v.length > 0)
      .map((bytes) => ({ kind, bytes })),
  );
}

export function registerWalkInRoutes(app: FastifyInstance, deps: WalkInRouteDeps) {
  const values = (body: Body) =>
    Object.fromEntries(
      (
        [
          "sumber",
          "nama",
          "organisasi",
          "nik",
          "telepon",
          "email",
          "peran",
          "kategori",
          "kode_tender",
          "uraian",
          "atas_nama",
          "persetujuan",
          "pemberitahuan",
        ] as const
      ).map((k) => [k, text(body, k)]),
    );
  const refuse = (
    request: FastifyRequest,
    reply: FastifyReply,
    body: Body,
    errors: readonly FormError[],
    status = 400,
  ) =>
    sendHtml(
      reply,
      status,
      walkInPage(viewerOf(request, reply), deps.intake, { values: values(body), errors }),
    );

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: "keyValues",
      limits: {
        fileSize: deps.upload.maxBytes,
        files: deps.upload.maxFiles,
        fields: 30,
        fieldSize: 16 * 1024,
      },
    });
    scope.setErrorHandler((error: { code?: string }, request, reply) => {
      if (error.code === "FST_REQ_FILE_TOO_LARGE" || error.code === "FST_FILES_LIMIT") {
        const mb = Math.floor(deps.upload.maxBytes / (1024 * 1024));
        return sendMessage(
          request,
          reply,
          413,
          "Lampiran terlalu besar atau terlalu banyak",
          `Setiap berkas paling besar ${mb} MB dan paling banyak ${deps.upload.maxFiles} berkas per permohonan. Mohon isi ulang formulirnya.`,
        );
      }
      throw error;
    });

    scope.get(WALK_IN_PATH, { config: { access: [...ACCESS] } }, (request, reply) =>
      sendHtml(reply, 200, walkInPage(viewerOf(request, reply), deps.intake)),
    );

    scope.post(
      WALK_IN_PATH,
      { config: { access: [...ACCESS] }, preHandler: scope.csrfProtection },
      async (request, reply) => {
        const agent = request.agent;
        if (!agent) throw new Error("no signed-in agent on a console route");
        const body = (request.body ?? {}) as Body;
        const result = validateWalkIn(
          {
            category: text(body, "kategori"),
            role: text(body, "peran"),
            name: text(body, "nama"),
            nik: text(body, "nik"),
            organisation: text(body, "organisasi"),
            email: text(body, "email"),
            phone: text(body, "telepon"),
            tenderCode: text(body, "kode_tender"),
            description: text(body, "uraian"),
            actingForOther: text(body, "atas_nama") !== "",
            consent: text(body, "persetujuan") === "setuju",
          },
          deps.intake,
          deps.now(),
        );
        const errors: FormError[] = result.ok
          ? []
          : result.error.map((x) => ({ field: FIELD_OF[x.field], message: x.message }));
        const source = SOURCE[text(body, "sumber") as keyof typeof SOURCE];
        if (!source) {
          errors.unshift({ field: "sumber", message: "Mohon pilih datang langsung atau e-mail." });
        }
        const notify = text(body, "pemberitahuan");
        if (notify === "EMAIL" && !deps.emailNotify) {
          errors.push({
            field: "pemberitahuan",
            message:
              "Pemberitahuan lewat e-mail belum dapat digunakan karena server e-mail (SMTP) belum diatur. Mohon pilih WhatsApp.",
          });
        } else if (notify !== "WHATSAPP" && notify !== "EMAIL") {
          errors.push({ field: "pemberitahuan", message: "Mohon pilih cara pemberitahuan." });
        }
        if (
          !result.ok ||
          !source ||
          errors.length > 0 ||
          (notify !== "WHATSAPP" && notify !== "EMAIL")
        ) {
          return refuse(request, reply, body, errors);
        }
        const filed = await fileWalkInTicket(
          { ...deps, maxFileBytes: deps.upload.maxBytes },
          { agentId: agent.id, source, notify, draft: result.value, files: filesOf(body) },
        );
        if (!filed.ok) {
          const why = FILE_REFUSED[filed.reason] ?? NOT_ACCEPTED;
          return refuse(request, reply, body, [
            { field: "lampiran", message: `Berkas ke-${filed.file + 1}: ${why}.` },
          ]);
        }
        return reply.redirect(ticketPath(filed.number), 303);
      },
    );
  });
}
