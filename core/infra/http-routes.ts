// The routes written against node:http (the queue dashboard, the WhatsApp
// admin pages, the Telegram webhook) on the Fastify server. They get the raw
// request and response, with the body still unread: each reads (and caps) it
// itself, as before. A route that does not own the path answers false and the
// next one is asked; when none does, the answer is a 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import type { Logger } from "./logger.ts";

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify(body));
}

/** Registers the catch-all that hands unmatched requests to `routes`, in their own context. */
export function mountRawRoutes(app: FastifyInstance, routes: readonly Route[], logger: Logger) {
  app.register(async (scope) => {
    // The body stays in the stream for the route to read.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_req, _payload, done) => done(null, undefined));
    scope.all("/*", (request, reply) => {
      reply.hijack();
      const { raw: req } = request;
      const res = reply.raw;
      void (async () => {
        for (const route of routes) {
          if (await route(req, res)) return;
        }
        sendJson(res, 404, { error: "not found" });
      })().catch((err) => {
        logger.error({ err, url: req.url }, "HTTP handler failed");
        if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
        else res.destroy();
      });
    });
  });
}
