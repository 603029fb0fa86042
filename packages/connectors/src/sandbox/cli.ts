// `pnpm sandbox`: starts the Shopify, PayTrace and ERP sandboxes on fixed local ports until Ctrl-C.
import { SANDBOX_CREDENTIALS, SANDBOX_PORTS, startSandboxStack } from './stack.js';

const base = Number(process.env.BRAID_SANDBOX_PORT_BASE ?? '');
const ports =
  Number.isInteger(base) && base > 0
    ? { shopify: base + 1, paytrace: base + 2, qbo: base + 3 }
    : { ...SANDBOX_PORTS };

const stack = await startSandboxStack({ clock: { now: () => Date.now() }, ports });
const c = SANDBOX_CREDENTIALS;
const lines = [
  'Braid sandboxes (127.0.0.1):',
  `  Shopify   ${stack.shopify.server.url}   shop ${c.shopify.shopDomain}, token ${c.shopify.accessToken}, webhook secret ${c.shopify.clientSecret}`,
  `  PayTrace  ${stack.paytrace.server.url}   user ${c.paytrace.username} / ${c.paytrace.password}, integrator ${c.paytrace.integratorId}`,
  `  ERP (QBO) ${stack.qbo.server.url}   realm ${c.qbo.realmId}, token ${c.qbo.accessToken}`,
  '',
  'Each has /__sandbox/state, /__sandbox/reset, /__sandbox/seed and /__sandbox/faults, e.g.',
  `  curl -X POST ${stack.paytrace.server.url}/__sandbox/faults -d '{"status":503,"probability":0.2}'`,
  'Ctrl-C stops them.',
];
process.stdout.write(`${lines.join('\n')}\n`);
const stop = (): void => {
  stack.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
