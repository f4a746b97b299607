// The BullMQ dashboard (bull-board) at /admin/queues on the health server.
// bull-board's Express adapter builds an Express app, and an Express app is
// itself a node:http request listener, so it mounts on our plain server with
// no framework of ours: strip the base path, hand over the request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import { adminRoute, sendText } from "./admin-auth.ts";
import type { Route } from "./health-server.ts";
import type { Logger } from "./logger.ts";

export const QUEUE_DASHBOARD_PATH = "/admin/queues";

/** What we use of the Express app the adapter returns (typed `any` upstream). */
interface ExpressApp {
  (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
  disable(setting: string): unknown;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createQueueDashboard(opts: {
  queues: readonly Queue[];
  basePath?: string;
}): Handler {
  const basePath = opts.basePath ?? QUEUE_DASHBOARD_PATH;
  const adapter = new ExpressAdapter();
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: opts.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: "LPSE Landak Helpdesk", hideDocsLink: true } },
  });
  const app: ExpressApp = adapter.getRouter();
  app.disable("x-powered-by");

  return (req, res) =>
    new Promise<void>((resolve, reject) => {
      // bull-board's cross-site protection is the login alone, and a browser
      // resends Basic credentials by itself; so a change (PUT, POST, PATCH)
      // that a browser marks as coming from another site is refused.
      const site = req.headers["sec-fetch-site"];
      const safe = req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS";
      if (!safe && site !== undefined && site !== "same-origin" && site !== "none") {
        sendText(res, 403, "Cross-site request refused.\n");
        return resolve();
      }
      res.setHeader("x-frame-options", "DENY");
      res.setHeader("referrer-policy", "no-referrer");
      res.once("finish", resolve);
      res.once("close", resolve);
      // The Express app routes from "/", like a sub-app mounted with app.use(basePath).
      const rest = (req.url ?? "/").slice(basePath.length);
      req.url = rest.startsWith("/") ? rest : `/${rest}`;
      app(req, res, (err) => {
        if (err) return reject(err);
        sendText(res, 404, "Not found.\n");
      });
    });
}

/** The dashboard behind the admin credentials; a 503 explaining why when ADMIN_TOKEN is unset. */
export function queueDashboardRoute(opts: {
  adminToken: string | undefined;
  queues: readonly Queue[];
  logger: Logger;
}): Route {
  // Built only when it can be reached.
  const handler = opts.adminToken ? createQueueDashboard({ queues: opts.queues }) : async () => {};
  return adminRoute({
    basePath: QUEUE_DASHBOARD_PATH,
    adminToken: opts.adminToken,
    logger: opts.logger,
    handler,
  });
}
