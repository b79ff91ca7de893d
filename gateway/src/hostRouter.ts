import type { IncomingMessage } from 'node:http';

// The seam for host-routed per-machine proxying (DESIGN §2: requests whose Host is
// `<slug>.<base_domain>` go to that machine). A later change supplies a router
// that looks the slug up; until then no host is routed and everything that is not
// the gateway's own goes to control.
//
// Returns the upstream origin (e.g. `http://10.0.0.5:8888`) for this request, or
// null when the request is not for a machine.
export type HostRouter = (req: IncomingMessage) => string | null;

export const noHostRoutes: HostRouter = () => null;
