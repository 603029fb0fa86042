import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The runtime's Prometheus metrics. */
export interface Metrics {
  registry: Registry;
  runsFinished: Counter<'status'>;
  runDuration: Histogram<'status'>;
  stepDuration: Histogram<'node_type' | 'status'>;
  webhookAck: Histogram<'outcome'>;
  webhooksRejected: Counter<'reason'>;
  queueDepth: Gauge<'status'>;
  expressionMode: Gauge<'mode'>;
}

/** Creates a registry with Braid's metrics (and Node's defaults). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const ms = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 30000];
  return {
    registry,
    runsFinished: new Counter({
      name: 'braid_runs_finished_total',
      help: 'Runs leaving a worker, by outcome',
      labelNames: ['status'],
      registers: [registry],
    }),
    runDuration: new Histogram({
      name: 'braid_run_processing_ms',
      help: 'Time a worker spent on a run per claim',
      labelNames: ['status'],
      buckets: ms,
      registers: [registry],
    }),
    stepDuration: new Histogram({
      name: 'braid_step_duration_ms',
      help: 'Step attempt latency',
      labelNames: ['node_type', 'status'],
      buckets: ms,
      registers: [registry],
    }),
    webhookAck: new Histogram({
      name: 'braid_webhook_ack_ms',
      help: 'Webhook acknowledgement latency',
      labelNames: ['outcome'],
      buckets: ms,
      registers: [registry],
    }),
    webhooksRejected: new Counter({
      name: 'braid_webhooks_rejected_total',
      help: 'Webhook deliveries refused (stored nowhere)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'braid_runs',
      help: 'Runs by status (sampled at scrape)',
      labelNames: ['status'],
      registers: [registry],
    }),
    expressionMode: new Gauge({
      name: 'braid_expressions_cached',
      help: 'Cached expressions by execution mode (js = compiled)',
      labelNames: ['mode'],
      registers: [registry],
    }),
  };
}
