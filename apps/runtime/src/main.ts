import { exitOnStartFailure, stopOnSignals } from './core/entrypoint.js';
import { startRuntime } from './runtime.js';

/** `pnpm start`: the runtime on the embedded PostgreSQL (or DATABASE_URL), until Ctrl-C. */
async function main(): Promise<void> {
  const runtime = await startRuntime();
  const lines = [`Braid runtime: ${runtime.url}`, `API docs:      ${runtime.url}/api/docs`];
  if (runtime.adminKey) {
    lines.push(`Admin API key (shown once, store it now): ${runtime.adminKey}`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  stopOnSignals(() => runtime.stop());
}

main().catch((err: unknown) => exitOnStartFailure(err, 'Braid runtime'));
