// GET /metrics on serve's own port: Prometheus text (or OpenMetrics when asked), under --token unless
// serve was started with --metrics-public (a scraper without the API's secret).
import { sendMetrics } from '../ops/metrics-http.js';
import type { Api } from './api.js';
import type { Route } from './router.js';

export function metricsRoutes(api: Api): Route[] {
  return [{
    method: 'GET', path: '/metrics', anonymous: api.options.metricsPublic === true,
    doc: { operationId: 'metrics', tag: 'meta', summary: 'Prometheus metrics: lydlr_serve_jobs{state}, lydlr_job_duration_seconds, process metrics',
      responses: { 200: { description: 'text format 0.0.4, or OpenMetrics when Accept asks for it', contentType: 'text/plain; version=0.0.4' } } },
    handler: (c) => sendMetrics(api.metrics.registry, c.req, c.res),
  }];
}
