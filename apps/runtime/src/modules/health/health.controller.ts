import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import type { ExpressionEngine } from '@braid/flow-schema';
import { EXPRESSIONS, METRICS, PG_POOL } from '../../core/tokens.js';
import type { Metrics } from '../../core/metrics.js';

/** Liveness, readiness and Prometheus metrics. */
@Controller()
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly db: pg.Pool,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(EXPRESSIONS) private readonly expressions: ExpressionEngine,
  ) {}

  /** The process is up. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can serve: its database answers. */
  @Get('readyz')
  async readyz(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ status: string; database: string }> {
    try {
      await this.db.query('select 1');
      return { status: 'ready', database: 'ok' };
    } catch (err) {
      void reply.code(503);
      return { status: 'not ready', database: (err as Error).message };
    }
  }

  /** Prometheus text format. Queue depth is sampled here, off the hot path. */
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  async prometheus(): Promise<string> {
    const res = await this.db.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from runs where status in ('queued','running','waiting','dead_letter') group by status`,
    );
    for (const status of ['queued', 'running', 'waiting', 'dead_letter']) {
      this.metrics.queueDepth.set({ status }, res.rows.find((r) => r.status === status)?.n ?? 0);
    }
    const modes = this.expressions.stats();
    this.metrics.expressionMode.set({ mode: 'js' }, modes.js);
    this.metrics.expressionMode.set({ mode: 'jsonata' }, modes.jsonata);
    return this.metrics.registry.metrics();
  }
}
