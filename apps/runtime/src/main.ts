import { ConfigError } from './config/config.js';
import { startRuntime } from './runtime.js';

/** `pnpm start`: the runtime on the embedded PostgreSQL (or DATABASE_URL), until Ctrl-C. */
async function main(): Promise<void> {
  const runtime = await startRuntime();
  const lines = [`Braid runtime: ${runtime.url}`, `API docs:      ${runtime.url}/api/docs`];
  if (runtime.adminKey) {
    lines.push(`Admin API key (shown once, store it now): ${runtime.adminKey}`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  const shutdown = (): void => {
    runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`configuration error: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Braid runtime failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
