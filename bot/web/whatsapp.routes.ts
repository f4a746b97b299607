// The WhatsApp routes (supervisors): GET /konsol/whatsapp, the link page, and
// POST /konsol/whatsapp/keluar, "Keluar dari WhatsApp" (CSRF; audited as
// whatsapp.logout whether or not a socket was up to unlink).
import type { FastifyInstance } from "fastify";
import type { PrismaClient } from "../../core/infra/db.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { agentOf, sendHtml, viewerOf } from "./respond.ts";
import { type WhatsappActivity, type WhatsappLinkView, whatsappPage } from "./whatsapp.page.ts";

/** The narrow side of the WhatsApp channel the console uses (bot/whatsapp/whatsapp.channel.ts). */
export interface WhatsappLink {
  /** The state and what to link with; null while the channel is off. */
  view(): WhatsappLinkView | null;
  /** Unlinks the number; false when no socket is up to do it. */
  logout(): Promise<boolean>;
}

export interface WhatsappRouteDeps {
  prisma: PrismaClient;
  whatsapp?: WhatsappLink | undefined;
}

const SUPERVISOR = ["SUPERVISOR"] as const;

/** The last message handled and the last sent on WhatsApp: times only. */
async function activity(prisma: PrismaClient): Promise<WhatsappActivity> {
  const [lastIn, lastOut] = await Promise.all([
    prisma.processedMessage.aggregate({
      where: { channel: "WHATSAPP" },
      _max: { processedAt: true },
    }),
    prisma.outboundMessage.aggregate({
      where: { channel: "WHATSAPP", status: "SENT" },
      _max: { sentAt: true },
    }),
  ]);
  return { lastIn: lastIn._max.processedAt, lastOut: lastOut._max.sentAt };
}

export function registerWhatsappRoutes(app: FastifyInstance, deps: WhatsappRouteDeps) {
  const render = async (
    request: Parameters<typeof viewerOf>[0],
    reply: Parameters<typeof viewerOf>[1],
    status: number,
    notice?: string,
  ) =>
    sendHtml(
      reply,
      status,
      await whatsappPage(
        viewerOf(request, reply),
        deps.whatsapp?.view() ?? null,
        await activity(deps.prisma),
        notice,
      ),
    );

  app.get("/konsol/whatsapp", { config: { access: SUPERVISOR } }, (request, reply) =>
    render(request, reply, 200),
  );

  app.post(
    "/konsol/whatsapp/keluar",
    { config: { access: SUPERVISOR }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const before = deps.whatsapp?.view()?.state ?? "disabled";
      const done = (await deps.whatsapp?.logout()) ?? false;
      await recordAudit(deps.prisma, {
        actor: { type: "AGENT", agentId: agentOf(request).id },
        action: "whatsapp.logout",
        detail: { phase: before, done },
      });
      if (!done) {
        return render(
          request,
          reply,
          409,
          "WhatsApp sedang tidak tersambung, jadi tidak ada tautan yang dapat dilepas.",
        );
      }
      return reply.redirect("/konsol/whatsapp", 303);
    },
  );
}
