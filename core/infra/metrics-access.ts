// Who may read /metrics: with METRICS_TOKEN, whoever presents it (a Bearer
// token, or HTTP Basic with it as the password, as Prometheus can send);
// without, clients on this machine only. The numbers say how busy the office
// is and cost database counts, so strangers get neither.
import { isAuthorized } from "./admin-auth.ts";
import { loopbackOnly, type MetricsAccess } from "./health-server.ts";

export function metricsAccess(token: string | undefined): MetricsAccess {
  if (!token) return loopbackOnly;
  return (req) =>
    isAuthorized(req, token)
      ? null
      : {
          status: 401,
          text: "Authentication required: Authorization: Bearer <METRICS_TOKEN>.\n",
          headers: { "www-authenticate": 'Bearer realm="metrics"' },
        };
}
