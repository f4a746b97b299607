// The ticket page's buttons, one POST form each, taking the desk's path:
// claiming as /ambil does (bot/agent-desk/commands/claim.ts), every other step
// through the ticket workflow as the desk's runCommand does, so the citizen is
// told and the Telegram topic follows the same way. Who may take a step is the
// workflow's rule (ticket.transitions.ts), the same as in the desk; refusals
// come back in Bahasa Indonesia. Every action is audited.
import { z } from "zod";
import type { TicketWorkflow } from "../../core/app/ticket-workflow.ts";
import { DESK_TEXT } from "../../core/content/messages/desk.messages.ts";
import { QUEUE } from "../../core/contracts/queues.ts";
import { COMMAND_LABELS, type TicketCommand } from "../../core/domain/ticket/ticket.commands.ts";
import {
  FORWARD_TEAMS,
  type Team,
  type TicketStatus,
} from "../../core/domain/ticket/ticket.enums.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import type { Logger } from "../../core/infra/logger.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { addOutbox, publishOutbox, type QueueFor } from "../../core/infra/stores/outbox.store.ts";
import { continueCommand } from "../agent-desk/commands/progress.ts";
import { statusLabel } from "../agent-desk/desk.card.ts";
import type { SignedInAgent } from "./access.ts";

const text = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : ""),
  z.string().max(1000, "Keterangan terlalu panjang (paling banyak 1000 karakter)."),
);
const ActionBodySchema = z.object({
  keterangan: text.optional().default(""),
  tim: z.string().optional(),
  /** LKPP's helpdesk ticket number, for escalating. */
  lkpp: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : ""),
    z.string().max(40, "Nomor tiket LKPP terlalu panjang (paling banyak 40 karakter)."),
  ),
});

const isForwardTeam = (team: string | undefined): team is Team =>
  FORWARD_TEAMS.some((t) => t === team);

type Build = (
  body: z.infer<typeof ActionBodySchema>,
  status: TicketStatus,
) => TicketCommand | string;

/** Path segment → the step, as the desk names its commands. `null`: claiming. */
export const TICKET_ACTIONS: Record<string, { build: Build | null; done: string }> = {
  ambil: { build: null, done: "Tiket berhasil diambil." },
  proses: { build: () => ({ type: "START_PROCESSING" }), done: "Tiket mulai diproses." },
  teruskan: {
    build: (b) =>
      isForwardTeam(b.tim)
        ? {
            type: "FORWARD",
            team: b.tim,
            ...(b.keterangan ? { note: b.keterangan } : {}),
          }
        : DESK_TEXT.badTeam(FORWARD_TEAMS.join(", ")),
    done: "Tiket berhasil diteruskan.",
  },
  minta: {
    build: (b) => ({ type: "REQUEST_USER_INFO", reason: b.keterangan }),
    done: "Permintaan dokumen telah dikirim kepada pengguna.",
  },
  selesai: {
    build: (b) => ({ type: "RESOLVE", resolutionNote: b.keterangan }),
    done: "Tiket dinyatakan selesai.",
  },
  // /eskalasi and /lanjut (bot/agent-desk/commands/progress.ts).
  eskalasi: {
    build: (b) =>
      b.lkpp
        ? {
            type: "ESCALATE_LKPP",
            lkppTicketNumber: b.lkpp,
            ...(b.keterangan ? { note: b.keterangan } : {}),
          }
        : "Mohon isi nomor tiket LKPP.",
    done: "Tiket dieskalasi ke LKPP.",
  },
  lanjut: {
    build: (b, status) => continueCommand(status, b.keterangan),
    done: "Tanggapan dicatat; tiket dilanjutkan.",
  },
  tolak: { build: (b) => ({ type: "REJECT", reason: b.keterangan }), done: "Tiket ditolak." },
  tutup: {
    build: (b) => ({ type: "CLOSE", ...(b.keterangan ? { note: b.keterangan } : {}) }),
    done: "Tiket ditutup.",
  },
  buka: {
    build: (b) => ({ type: "REOPEN", reason: b.keterangan }),
    done: "Tiket dibuka kembali.",
  },
};

/** Shown after a disruption letter was issued (letter.routes.ts). */
export const LETTER_ISSUED_TEXT =
  "Surat Keterangan Gangguan LPSE diterbitkan dan dikirim kepada pengguna.";

/** Shown after an accepted claim that could not also accept the new ticket. */
export const CLAIMED_NOT_ACCEPTED = "ambil-saja";
export const CLAIMED_NOT_ACCEPTED_TEXT =
  "Tiket berhasil diambil, tetapi belum diterima: tiket baru hanya dapat diterima oleh petugas Helpdesk atau supervisor.";

export type ActionOutcome =
  | { ok: true; done: string }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string };

export interface ActionDeps {
  prisma: PrismaClient;
  workflow: Pick<TicketWorkflow, "changeStatus">;
  /** Publishes the desk's job of a claim at once (the outbox relay retries it). */
  queueFor: QueueFor;
  logger: Logger;
}

const STATUS_OF: Record<string, 400 | 403 | 404 | 409> = {
  FORBIDDEN_ACTOR: 403,
  TICKET_NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CONCURRENT_CHANGE: 409,
  REOPEN_WINDOW_EXPIRED: 409,
  AUTO_CLOSE_TOO_EARLY: 409,
  INCONSISTENT_TICKET: 409,
};

async function runStep(
  deps: ActionDeps,
  agent: SignedInAgent,
  ticket: { id: string; status: TicketStatus },
  command: TicketCommand,
): Promise<ActionOutcome | null> {
  const result = await deps.workflow.changeStatus({
    ticketId: ticket.id,
    command,
    actor: { type: "AGENT", agentId: agent.id, role: agent.role },
  });
  await recordAudit(deps.prisma, {
    actor: { type: "AGENT", agentId: agent.id },
    action: `ticket.${command.type.toLowerCase()}`,
    ticketId: ticket.id,
    detail: { ok: result.ok, via: "console", ...(result.ok ? {} : { refused: result.error.code }) },
  });
  if (result.ok) return null;
  // The workflow lists the desk's /commands for the next steps; the page shows its buttons.
  const message =
    result.error.code === "INVALID_TRANSITION"
      ? `Tidak dapat ${COMMAND_LABELS[command.type].id}: tiket berstatus ${statusLabel(ticket.status)}.`
      : result.error.message;
  return { ok: false, status: STATUS_OF[result.error.code] ?? 400, message };
}

async function claim(
  deps: ActionDeps,
  agent: SignedInAgent,
  ticket: { id: string; status: TicketStatus },
): Promise<ActionOutcome> {
  const row = await deps.prisma.ticket.findUnique({
    where: { id: ticket.id },
    select: { assignee: { select: { id: true, name: true, role: true } } },
  });
  if (row?.assignee && row.assignee.id !== agent.id) {
    const who = `${row.assignee.name} (${row.assignee.role.toLowerCase()})`;
    return { ok: false, status: 409, message: DESK_TEXT.alreadyClaimed(who) };
  }
  const outboxId = await deps.prisma.$transaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticket.id }, data: { assigneeId: agent.id } });
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: agent.id },
      action: "ticket.claim",
      ticketId: ticket.id,
      detail: { via: "console" },
    });
    // The topic is told, as the desk's /ambil answers in it.
    return addOutbox(tx, QUEUE.desk, "ticket.claimed", {
      type: "ticket-claimed",
      ticketId: ticket.id,
      agentId: agent.id,
    });
  });
  await publishOutbox(deps.prisma, deps.queueFor, { ids: [outboxId] }).catch((e) =>
    deps.logger.warn({ err: e }, "Fast publish failed; the outbox relay will retry"),
  );
  if (ticket.status !== "BARU") return { ok: true, done: "ambil" };
  const refused = await runStep(deps, agent, ticket, { type: "ACCEPT" });
  return { ok: true, done: refused ? CLAIMED_NOT_ACCEPTED : "ambil" };
}

/** Runs one action; `done` is the action's key for the confirmation shown after the redirect. */
export async function runTicketAction(
  deps: ActionDeps,
  agent: SignedInAgent,
  ticket: { id: string; status: TicketStatus },
  action: string,
  body: unknown,
): Promise<ActionOutcome> {
  const spec = TICKET_ACTIONS[action];
  if (!spec) return { ok: false, status: 404, message: "Tindakan tidak dikenal." };
  if (!spec.build) return claim(deps, agent, ticket);
  const parsed = ActionBodySchema.safeParse(body ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      message: parsed.error.issues[0]?.message ?? "Isian tidak valid.",
    };
  }
  const command = spec.build(parsed.data, ticket.status);
  if (typeof command === "string") return { ok: false, status: 400, message: command };
  return (await runStep(deps, agent, ticket, command)) ?? { ok: true, done: action };
}
