import { Injectable } from '@nestjs/common';
import { Cron } from 'croner';
import type { EntityManager } from 'typeorm';
import type { FlowVersionEntity } from '../../db/entities/flow-version.entity.js';
import { POLLS_CHANNEL, SCHEDULES_CHANNEL } from '../../execution/run-store.js';

/**
 * Keeps the schedule and poll tables in step with a flow's live version. Changes notify every
 * instance's ticker and poller when the caller's transaction commits.
 */
@Injectable()
export class TriggerSetup {
  /** Registers the live version's schedule or poll trigger (and removes stale ones). */
  async activate(em: EntityManager, flowId: string, version: FlowVersionEntity): Promise<void> {
    const trigger = version.document.trigger;
    await this.deactivate(em, flowId);
    if (trigger.type === 'schedule') {
      const timezone = trigger.timezone ?? 'UTC';
      const next = new Cron(trigger.cron, { timezone, paused: true }).nextRun();
      if (!next) return;
      await em.query(
        `insert into schedules (flow_id, version_id, cron, timezone, next_fire_at) values ($1, $2, $3, $4, $5)`,
        [flowId, version.id, trigger.cron, timezone, next.toISOString()],
      );
      await em.query(`select pg_notify('${SCHEDULES_CHANNEL}', '')`);
    } else if (trigger.type === 'poll') {
      await em.query(
        `insert into poll_state (flow_id, watermark, next_poll_at) values ($1, $2, now())
         on conflict (flow_id) do update set next_poll_at = now()`,
        [flowId, trigger.watermark.initial ?? null],
      );
      await em.query(`select pg_notify('${POLLS_CHANNEL}', '')`);
    }
  }

  /** Stops the flow's schedule and polls (poll watermarks are kept for when it comes back). */
  async deactivate(em: EntityManager, flowId: string): Promise<void> {
    await em.query('delete from schedules where flow_id = $1', [flowId]);
    await em.query(`update poll_state set next_poll_at = 'infinity' where flow_id = $1`, [flowId]);
  }
}
