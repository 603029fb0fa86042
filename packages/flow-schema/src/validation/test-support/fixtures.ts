import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../problem.js';

/** Absolute path of packages/flow-schema/fixtures. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/** Loosely typed JSON, as JSON.parse returns it: tests damage documents in ways no type allows. */
export type LooseJson = ReturnType<typeof JSON.parse>;

/** A fresh copy of a fixture, so tests can mutate it. */
export function fixture(name: string): Record<string, LooseJson> {
  const parsed: Record<string, LooseJson> = JSON.parse(
    readFileSync(`${FIXTURES_DIR}${name}`, 'utf8'),
  );
  return parsed;
}

/** File names of the valid fixtures. */
export function validFixtures(): string[] {
  return readdirSync(`${FIXTURES_DIR}valid`).filter((f) => f.endsWith('.json'));
}

/** Problems reduced to `severity code path`, for exact assertions. */
export function brief(problems: Problem[]): string[] {
  return problems.map((p) => `${p.severity} ${p.code} ${p.path}`);
}
