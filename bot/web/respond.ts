// What the console's route files share: an HTML answer, and the signed-in
// agent as the page header shows them (with a fresh CSRF token).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { SignedInAgent } from "./access.ts";
import { messagePage, type Viewer } from "./html.ts";

export const sendHtml = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type("text/html; charset=utf-8").send(body);

export const viewerOf = (request: FastifyRequest, reply: FastifyReply): Viewer => ({
  name: request.agent?.name ?? "",
  role: request.agent?.role ?? "",
  csrf: reply.generateCsrf(),
});

/** The agent the access hook let in (only on routes that are not public). */
export const agentOf = (request: FastifyRequest): SignedInAgent => {
  if (!request.agent) throw new Error("no signed-in agent on a console route");
  return request.agent;
};

/** A refusal or error as a page with the header. */
export const sendMessage = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  text: string,
) => sendHtml(reply, status, messagePage(title, text, viewerOf(request, reply)));
