import type { INestApplicationContext } from '@nestjs/common';
import { SANDBOX_BINDINGS, type SandboxConnection } from '@braid/connectors/sandbox';
import { ApiProblem } from '../core/problem.js';
import { ConnectionsService } from '../modules/connections/connections.service.js';
import { FlowsService } from '../modules/flows/flows.service.js';
import { TemplatesService } from '../modules/templates/templates.service.js';

/** Templates the demo installs, bound to the sandbox connections. */
export const DEMO_TEMPLATES = ['order-payment-sync', 'refund-sync'] as const;

/**
 * Points the sandbox connections at this start's sandboxes and installs (and publishes) the demo
 * templates unless they are installed already. Safe to run on every start.
 */
export async function seedDemo(
  app: INestApplicationContext,
  connections: SandboxConnection[],
): Promise<string[]> {
  const actor = 'demo';
  for (const c of connections) await app.get(ConnectionsService).upsert(c, actor);
  const installed: string[] = [];
  const flows = app.get(FlowsService);
  const templates = app.get(TemplatesService);
  for (const id of DEMO_TEMPLATES) {
    const exists = await flows.getView(id).then(
      () => true,
      (err: unknown) => {
        if (err instanceof ApiProblem && err.getStatus() === 404) return false;
        throw err;
      },
    );
    if (exists) continue;
    const preview = await templates.preview(id);
    const slots = Object.keys(preview.connections as Record<string, unknown>);
    const bindings = Object.fromEntries(slots.map((s) => [s, SANDBOX_BINDINGS[s] ?? s]));
    await templates.install(id, { bindings, params: {}, publish: true }, actor);
    installed.push(id);
  }
  return installed;
}
