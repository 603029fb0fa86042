// `pnpm start`: the runtime on the embedded PostgreSQL plus the three sandboxes, with the order
// and refund templates installed against them. `pnpm demo` then sends signed webhooks.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  SANDBOX_CREDENTIALS,
  SANDBOX_PORTS,
  sandboxConnections,
  startSandboxStack,
} from '@braid/connectors/sandbox';
import { loadConfig } from '../config/config.js';
import { exitOnStartFailure, stopOnSignals } from '../core/entrypoint.js';
import { startRuntime } from '../runtime.js';
import { ApiKeysService } from '../modules/auth/api-keys.service.js';
import { seedDemo } from './seed.js';

/** What `pnpm demo` needs to reach this start's runtime and sandboxes. */
export interface DemoState {
  runtimeUrl: string;
  apiKey: string;
  sandboxes: { shopify: string; paytrace: string; qbo: string };
  shopDomain: string;
  webhookSecret: string;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const base = Number(process.env.BRAID_SANDBOX_PORT_BASE ?? '');
  const ports =
    Number.isInteger(base) && base > 0
      ? { shopify: base + 1, paytrace: base + 2, qbo: base + 3 }
      : { ...SANDBOX_PORTS };
  process.stdout.write('› starting sandboxes (Shopify, PayTrace, ERP)\n');
  const sandboxes = await startSandboxStack({ clock: { now: () => Date.now() }, ports });
  process.stdout.write('› starting the runtime\n');
  const runtime = await startRuntime({ config });
  const urls = {
    shopify: sandboxes.shopify.server.url,
    paytrace: sandboxes.paytrace.server.url,
    qbo: sandboxes.qbo.server.url,
  };
  const installed = await seedDemo(runtime.app, sandboxConnections(urls));
  const demoKey = await runtime.app.get(ApiKeysService).create('demo', ['admin']);
  const state: DemoState = {
    runtimeUrl: runtime.url,
    apiKey: demoKey.key,
    sandboxes: urls,
    shopDomain: SANDBOX_CREDENTIALS.shopify.shopDomain,
    webhookSecret: SANDBOX_CREDENTIALS.shopify.clientSecret,
  };
  const file = path.resolve(config.dataDir, 'demo.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });

  const lines = [
    `Braid runtime:  ${runtime.url}`,
    `API docs:       ${runtime.url}/api/docs`,
    `Sandboxes:      Shopify ${urls.shopify} · PayTrace ${urls.paytrace} · ERP ${urls.qbo}`,
    installed.length
      ? `Installed:      ${installed.join(', ')} (bound to the sandboxes, published)`
      : 'Templates:      order-payment-sync, refund-sync (installed earlier)',
  ];
  if (runtime.adminKey) {
    lines.push(`Admin API key (shown once, store it now): ${runtime.adminKey}`);
  }
  lines.push(
    `Demo API key:   ${demoKey.key} (also in ${file})`,
    '',
    'Send a few signed Shopify webhooks and watch the runs:  pnpm demo',
  );
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  stopOnSignals(() => Promise.all([runtime.stop(), sandboxes.close()]));
}

main().catch((err: unknown) =>
  exitOnStartFailure(err, 'Braid', (e) =>
    (e as { code?: string }).code === 'EADDRINUSE'
      ? 'a sandbox port (4101-4103) is taken: stop the other process or set BRAID_SANDBOX_PORT_BASE'
      : undefined,
  ),
);
