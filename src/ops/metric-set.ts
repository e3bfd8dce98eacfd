// One server instance's metrics: its own prom-client Registry (never the global one, so two servers
// in one process, tests and restarts never collide on "already registered"), Node's process
// metrics, and the helpers a job declares its own metrics with (names get the lydlr_ prefix).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type RegistryContentType } from 'prom-client';

export class MetricSet {
  readonly registry: Registry<RegistryContentType> = new Registry<RegistryContentType>();
  private readonly totals = new Map<string, number>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // prom-client names these gauges *_total, which promtool rejects (only counters end in _total);
    // nodejs_active_handles and nodejs_active_requests carry the same counts by type.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(name);
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name: `lydlr_${name}`, help, labelNames, registers: [this.registry] });
  }

  /** `collect` sets the gauge's values just before each scrape (a count read from elsewhere). */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = [], collect?: (gauge: Gauge<L>) => void): Gauge<L> {
    return new Gauge({ name: `lydlr_${name}`, help, labelNames, registers: [this.registry], ...(collect ? { collect() { collect(this); } } : {}) });
  }

  /** Every stream of the job down (stream_up 0): the job has ended but the metrics still answer while hooks and webhooks finish. */
  async markStreamsDown(): Promise<void> {
    const up = this.registry.getSingleMetric('lydlr_stream_up') as Gauge<string> | undefined;
    for (const value of (await up?.get())?.values ?? []) up!.set(value.labels as Record<string, string>, 0);
  }

  histogram<L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []): Histogram<L> {
    return new Histogram({ name: `lydlr_${name}`, help, buckets, labelNames, registers: [this.registry] });
  }

  // A counter fed from a running total the job reports (bytes sent so far): adds what is new. A total
  // that went down (the source restarted its count) adds its whole new value.
  advance<L extends string>(counter: Counter<L>, labels: Partial<Record<L, string>>, total: number): void {
    const key = `${(counter as unknown as { name: string }).name}${JSON.stringify(labels)}`;
    const before = this.totals.get(key) ?? 0;
    const added = total >= before ? total - before : total;
    this.totals.set(key, total);
    if (added > 0) counter.inc(labels, added);
  }
}
