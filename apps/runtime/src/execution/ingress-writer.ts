import type pg from 'pg';
import { Batcher } from './batcher.js';
import { type NewRun, RUNS_CHANNEL } from './run-store.js';

/** The outcome of writing one trigger: the new run, or the run an earlier delivery created. */
export interface IngressResult {
  runId: string;
  created: boolean;
}

/**
 * Group-commits new runs: every trigger that arrives while a write is in flight goes into the
 * next single statement (inbox rows + runs + one NOTIFY). Each caller still gets its answer only
 * after its own inbox row and run are committed, so a 2xx is never sent for something that could
 * be lost, while PostgreSQL sees one commit per burst instead of one per webhook.
 */
export class IngressWriter {
  private readonly batcher: Batcher<NewRun, IngressResult>;

  constructor(private readonly db: pg.Pool) {
    this.batcher = new Batcher((runs) => this.flush(runs), { maxBatch: 500, maxInFlight: 2 });
  }

  /** Writes inbox row and run atomically (with others of the same burst). */
  write(run: NewRun): Promise<IngressResult> {
    return this.batcher.add(run);
  }

  private async flush(items: NewRun[]): Promise<IngressResult[]> {
    // Two deliveries of one event in the same burst: write the first, answer both with it.
    const firstByKey = new Map<string, NewRun>();
    for (const r of items) {
      const key = `${r.source}\u0000${r.dedupeKey}`;
      if (!firstByKey.has(key)) firstByKey.set(key, r);
    }
    const unique = [...firstByKey.values()];
    const rows = unique.map((r) => ({
      id: r.id,
      source: r.source,
      dedupe_key: r.dedupeKey,
      flow_id: r.flowId,
      version_id: r.versionId,
      trigger_type: r.triggerType,
      trigger: r.trigger ?? null,
      params: r.params,
      concurrency_key: r.concurrencyKey,
      reference: r.reference,
      parent_run_id: r.parentRunId ?? null,
      rerun_of: r.rerunOf ?? null,
    }));
    const res = await this.db.query<{ id: string }>(
      `with x as (
         select * from jsonb_to_recordset($1::jsonb) as t(
           id uuid, source text, dedupe_key text, flow_id text, version_id uuid, trigger_type text,
           trigger jsonb, params jsonb, concurrency_key text, reference text, parent_run_id uuid, rerun_of uuid)
       ), ins as (
         insert into inbox (source, dedupe_key, flow_id, run_id)
         select source, dedupe_key, flow_id, id from x
         on conflict (source, dedupe_key) do nothing
         returning run_id
       ), r as (
         insert into runs (id, flow_id, version_id, status, trigger_type, trigger, params,
                           concurrency_key, reference, parent_run_id, rerun_of)
         select x.id, x.flow_id, x.version_id, 'queued', x.trigger_type, x.trigger, x.params,
                x.concurrency_key, x.reference, x.parent_run_id, x.rerun_of
         from x join ins on ins.run_id = x.id
         order by x.id
         returning id
       )
       select r.id, n.sent from r left join (
         select pg_notify('${RUNS_CHANNEL}', '') as sent where exists (select 1 from r)
       ) n on true`,
      [JSON.stringify(rows)],
    );
    const created = new Set(res.rows.map((r) => r.id));
    const missing = unique.filter((r) => !created.has(r.id));
    const existing = new Map<string, string>();
    if (missing.length > 0) {
      // A new statement sees the rows that concurrent duplicates committed.
      const found = await this.db.query<{ source: string; dedupe_key: string; run_id: string }>(
        `select i.source, i.dedupe_key, i.run_id from inbox i
         join jsonb_to_recordset($1::jsonb) as k(source text, dedupe_key text)
           on i.source = k.source and i.dedupe_key = k.dedupe_key`,
        [JSON.stringify(missing.map((m) => ({ source: m.source, dedupe_key: m.dedupeKey })))],
      );
      for (const f of found.rows) existing.set(`${f.source}\u0000${f.dedupe_key}`, f.run_id);
    }
    return items.map((r) => {
      const key = `${r.source}\u0000${r.dedupeKey}`;
      const first = firstByKey.get(key) as NewRun;
      if (first === r && created.has(r.id)) return { runId: r.id, created: true };
      if (created.has(first.id)) return { runId: first.id, created: false };
      return { runId: existing.get(key) ?? first.id, created: false };
    });
  }
}
