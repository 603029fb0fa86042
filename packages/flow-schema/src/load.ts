import { FlowLoadError, type MigrateOptions, migrateFlow } from './migrations/migrate.js';
import type { FlowDocument } from './types.js';
import { type Problem, type ValidateOptions, error, hasErrors } from './validation/problem.js';
import { validateFlow } from './validation/validate-flow.js';

/** A problem found while loading; JSON syntax errors also carry a 1-based line and column. */
export interface LoadProblem extends Problem {
  line?: number;
  column?: number;
}

/** What `loadFlow` found: the document (typed only when it has no errors) and every problem. */
export interface LoadResult {
  /** The migrated document when it has no errors; undefined otherwise. */
  doc: FlowDocument | undefined;
  /** The parsed and (where possible) migrated document, valid or not, e.g. for an editor. */
  raw: unknown;
  problems: LoadProblem[];
  /** The schema versions the document was migrated to, in order. */
  applied: number[];
}

/** Options of `loadFlow`. */
export type LoadOptions = ValidateOptions & MigrateOptions;

/** Turns a character offset into a 1-based line and column. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

const INCOMPLETE = /end of JSON input|Unterminated string/;

/** True when `prefix` could still become valid JSON, i.e. parsing fails only for lack of input. */
function viablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    return e instanceof Error && INCOMPLETE.test(e.message);
  }
}

/**
 * Where JSON.parse failed. Some V8 messages carry no position ("Unexpected token '}'"), so the
 * offset is found as the end of the longest prefix that is still viable JSON (binary search:
 * viability only ever shrinks as the prefix grows).
 */
function syntaxLocation(text: string, message: string): { line: number; column: number } {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const position = /position (\d+)/.exec(message);
  if (position) return lineAndColumn(text, Number(position[1]));
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (viablePrefix(text.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  return lineAndColumn(text, low);
}

function parseJson(text: string): { value?: unknown; problem?: LoadProblem } {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { value: JSON.parse(source) as unknown };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const where = syntaxLocation(source, why);
    const message = `invalid JSON at line ${where.line}, column ${where.column}: ${why}; fix the syntax.`;
    return { problem: { ...error('', 'json.syntax', message), ...where } };
  }
}

/**
 * Loads a flow: parses JSON text (or takes an already parsed value), migrates it to the current
 * schemaVersion, and validates it. Never throws; every failure is a problem.
 */
export function loadFlow(input: string | object, options: LoadOptions = {}): LoadResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    const parsed = parseJson(input);
    if (parsed.problem)
      return { doc: undefined, raw: undefined, problems: [parsed.problem], applied: [] };
    value = parsed.value;
  }
  let migrated;
  try {
    migrated = migrateFlow(value, options);
  } catch (e) {
    const problem =
      e instanceof FlowLoadError
        ? error('/schemaVersion', e.code, e.message)
        : error(
            '',
            'migration.failed',
            `the document could not be migrated (${e instanceof Error ? e.message : String(e)}).`,
          );
    return { doc: undefined, raw: value, problems: [problem], applied: [] };
  }
  const problems = validateFlow(migrated.doc, options);
  const doc = hasErrors(problems) ? undefined : (migrated.doc as FlowDocument);
  return { doc, raw: migrated.doc, problems, applied: migrated.applied };
}
