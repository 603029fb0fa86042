import { ConfigError } from '../config/config.js';

/** Stops `stop` on Ctrl-C or SIGTERM, then exits (0 when it stopped cleanly). */
export function stopOnSignals(stop: () => Promise<unknown>): void {
  const shutdown = (): void => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** Reports why a process failed to start and exits: 2 for a bad setting, 1 otherwise. */
export function exitOnStartFailure(
  err: unknown,
  what: string,
  hint?: (err: unknown) => string | undefined,
): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`configuration error: ${err.message}\n`);
    process.exit(2);
  }
  const known = hint?.(err);
  process.stderr.write(
    known
      ? `${known}\n`
      : `${what} failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
}
