import client from 'prom-client';

// Control's own Prometheus registry: process metrics plus the API's requests.
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'remotegpu_control_' });

export const httpRequests = new client.Counter({
  name: 'remotegpu_control_http_requests_total', help: 'API requests by method, route and status',
  labelNames: ['method', 'route', 'status'], registers: [registry],
});
export const httpSeconds = new client.Histogram({
  name: 'remotegpu_control_http_request_seconds', help: 'API request duration by route',
  labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
});
