import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// examples/ and e2e/ become test projects once they have a vitest config of their own.
const optional = ['examples', 'e2e'].filter((dir) => existsSync(`${dir}/vitest.config.ts`));

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', ...optional],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
