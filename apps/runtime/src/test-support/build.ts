import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

/** Builds the runtime and the packages it imports, so tests can spawn `dist/main.js` as a real process. */
export function buildRuntime(): string {
  execFileSync('pnpm', ['--filter', '@braid/runtime...', 'run', 'build'], {
    cwd: repo,
    stdio: 'pipe',
  });
  return `${repo}apps/runtime/dist/main.js`;
}
