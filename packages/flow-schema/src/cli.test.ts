import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { FIXTURES_DIR } from './validation/test-support/fixtures.js';

const files: Record<string, string> = {
  'good.json': readFileSync(`${FIXTURES_DIR}valid/order-payment-sync.json`, 'utf8'),
  'syntax.json': '{\n  "id": \n}',
  'warn.json': JSON.stringify({
    ...JSON.parse(readFileSync(`${FIXTURES_DIR}valid/order-payment-sync.json`, 'utf8')),
    connections: {
      shop: { connector: 'shopify@1' },
      pay: { connector: 'paytrace@1' },
      erp: { connector: 'qbo@1' },
      spare: { connector: 'http@1' },
    },
  }),
  'catalog.json': JSON.stringify({ 'shopify@1': { operations: [] } }),
};
const io = {
  readFile: (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error(`ENOENT: ${path}`);
    return text;
  },
};

describe('braid validate', () => {
  it('prints ok for clean files and exits 0', () => {
    expect(runCli(['validate', 'good.json'], io)).toEqual({
      stdout: ['good.json: ok'],
      stderr: [],
      code: 0,
    });
  });

  it('prints file:line:col for JSON syntax errors and exits 1', () => {
    const result = runCli(['validate', 'syntax.json', 'good.json'], io);
    expect(result.code).toBe(1);
    expect(result.stdout[0]).toMatch(/^syntax\.json:3:1: error json\.syntax: /);
    expect(result.stdout[1]).toBe('good.json: ok');
  });

  it('exits 0 on warnings alone, printing file:pointer: severity code: message', () => {
    const result = runCli(['validate', 'warn.json'], io);
    expect(result).toEqual({
      stdout: [
        'warn.json:/connections/spare: warning graph.unused-connection: connection `spare` is declared but nothing uses it; remove it.',
      ],
      stderr: [],
      code: 0,
    });
  });

  it('checks against a catalog and reports unreadable files', () => {
    const result = runCli(
      ['validate', '--catalog', 'catalog.json', 'good.json', 'missing.json'],
      io,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'good.json:/connections/pay/connector: error catalog.unknown-connector: connector `paytrace@1` is not installed (installed: shopify@1); fix the name or major version.',
    );
    expect(result.stdout.at(-1)).toMatch(/^missing\.json: error io\.read: /);
  });

  it('exits 2 on usage errors', () => {
    expect(runCli([], io).code).toBe(2);
    expect(runCli(['lint', 'good.json'], io).code).toBe(2);
    expect(runCli(['validate'], io).code).toBe(2);
    expect(runCli(['validate', '--catalog'], io).code).toBe(2);
    expect(runCli(['validate', '--strict', 'good.json'], io).stderr[0]).toBe(
      'braid: unknown option --strict',
    );
  });

  it('runs as a real process on a fixture', () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const broken = `${FIXTURES_DIR}broken/graph-problems.json`;
    const run = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', cli, 'validate', broken],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${broken}:/edges/5: error graph.cycle: `);
  }, 20000);
});
