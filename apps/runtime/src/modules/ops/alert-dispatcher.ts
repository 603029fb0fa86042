import type pg from 'pg';
import type { Logger } from 'pino';
import { request } from 'undici';
import { BackgroundLoop, msUntilDue } from '../../execution/background-loop.js';

const MAX_ATTEMPTS = 12;
const MAX_SLEEP_MS = 60_000;
const DELIVERY_TIMEOUT_MS = 10_000;

interface AlertRow {
  id: string;
  run_id: string | null;
  flow_id: string | null;
  kind: string;
  message: string;
  details: unknown;
  created_at: Date;
  attempts: number;
}

/** The JSON body POSTed to the alert webhook. */
export interface AlertDelivery {
  id: string;
  kind: string;
  flowId: string | null;
  runId: string | null;
  message: string;
  details: unknown;
  createdAt: string;
  attempt: number;
}

/**
 * Delivers stored alerts (dead-lettered runs, ...) to the configured alert webhook. Alerts are
 * rows first, so none is lost when the webhook is down: failed deliveries are retried with
 * exponential backoff (2 s doubling to 1 h, 12 attempts), and instances share the work through
 * SKIP LOCKED claims. Wakes on NOTIFY, not by polling.
 */
export class AlertDispatcher {
  readonly loop: BackgroundLoop;

  constructor(
    private readonly db: pg.Pool,
    private readonly url: string | undefined,
    private readonly logger: Logger,
    private readonly instanceId: string,
  ) {
    this.loop = new BackgroundLoop('alerts', () => this.round(), logger);
  }

  /** One pass: deliver what is due, then say when the next retry is due. */
  async round(): Promise<number> {
    if (!this.url) return MAX_SLEEP_MS * 60;
    const claimed = await this.db.query<AlertRow>(
      `update alerts a set attempts = a.attempts + 1,
         next_attempt_at = now() + least(3600, power(2, a.attempts + 1)) * interval '1 second'
       from (select id from alerts
             where delivered_at is null and next_attempt_at <= now() and attempts < ${MAX_ATTEMPTS}
             order by id for update skip locked limit 20) d
       where a.id = d.id
       returning a.id, a.run_id, a.flow_id, a.kind, a.message, a.details, a.created_at, a.attempts`,
    );
    await Promise.all(claimed.rows.map((row) => this.deliver(row, this.url as string)));
    return msUntilDue(
      this.db,
      `select next_attempt_at as due from alerts
       where delivered_at is null and attempts < ${MAX_ATTEMPTS}`,
      MAX_SLEEP_MS,
    );
  }

  private async deliver(row: AlertRow, url: string): Promise<void> {
    const body: AlertDelivery = {
      id: String(row.id),
      kind: row.kind,
      flowId: row.flow_id,
      runId: row.run_id,
      message: row.message,
      details: row.details,
      createdAt: row.created_at.toISOString(),
      attempt: row.attempts,
    };
    let failure: string | undefined;
    try {
      const res = await request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'braid-runtime',
          'x-braid-alert-id': body.id,
          'x-braid-instance': this.instanceId,
        },
        body: JSON.stringify(body),
        headersTimeout: DELIVERY_TIMEOUT_MS,
        bodyTimeout: DELIVERY_TIMEOUT_MS,
      });
      await res.body.dump();
      if (res.statusCode < 200 || res.statusCode >= 300) failure = `HTTP ${res.statusCode}`;
    } catch (err) {
      failure = (err as Error).message || 'delivery failed';
    }
    const log = { alertId: body.id, flowId: body.flowId, runId: body.runId, attempt: row.attempts };
    if (failure === undefined) {
      await this.db.query(
        'update alerts set delivered_at = now(), delivery_error = null where id = $1',
        [row.id],
      );
      this.logger.info(log, 'alert delivered');
    } else {
      await this.db.query('update alerts set delivery_error = $2 where id = $1', [
        row.id,
        failure.slice(0, 500),
      ]);
      const final = row.attempts >= MAX_ATTEMPTS;
      this.logger[final ? 'error' : 'warn'](
        { ...log, error: failure },
        final ? 'alert delivery gave up' : 'alert delivery failed; will retry',
      );
    }
  }
}
