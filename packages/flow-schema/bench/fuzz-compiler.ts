import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { expression, jsonInput } from '../src/compiler/test-support/arbitraries.js';
import { type Verdict, compareWithInterpreter } from '../src/compiler/test-support/differential.js';

/**
 * Nightly differential fuzzing of the compiler: the property of `differential.test.ts` (compiled
 * code and the jsonata interpreter agree on value or error code, and nothing falls back) over
 * many more cases. Exits 1 with the shrunk counterexample on the first disagreement.
 *
 *   node --conditions=source --import tsx bench/fuzz-compiler.ts [--cases N] [--seed S] [--path P]
 */

const USAGE =
  'usage: fuzz-compiler.ts [--cases N] [--seed S] [--path P] [--shrink-seconds T (default 120)]';

function fatal(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) fatal(`--${name} must be an integer, got "${value}"`);
  return Number(value);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        cases: { type: 'string' },
        seed: { type: 'string' },
        path: { type: 'string' },
        'shrink-seconds': { type: 'string' },
      },
    });
  } catch (err) {
    return fatal((err as Error).message);
  }
})();
const cases = integer(values.cases, 'cases', 200_000);
const seed = integer(values.seed, 'seed', randomInt(2 ** 31));
const shrinkSeconds = integer(values['shrink-seconds'], 'shrink-seconds', 120);
if (cases < 1) fatal('--cases must be at least 1');

const tty = process.stderr.isTTY;
const started = process.hrtime.bigint();
// Runs after the first failure are shrink attempts, not new cases.
const counts = { cases: 0, unparsable: 0, interpreterChangedInput: 0, failures: 0, shrinkRuns: 0 };
let lastDraw = 0n;
let lastLoggedDecile = 0;
let announcedFailure = false;
let firstFailureAt: bigint | undefined;
let shrinkStopped = false;

function elapsedSeconds(): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function status(): string {
  const seconds = elapsedSeconds();
  const rate = seconds > 0 ? Math.round(counts.cases / seconds) : 0;
  const mismatches =
    counts.failures === 0
      ? '0 mismatches'
      : `MISMATCH after ${counts.cases} cases, shrinking (${counts.shrinkRuns} runs, ${counts.failures} still failing)`;
  return `fuzz ${counts.cases}/${cases} cases, ${rate}/s, ${counts.unparsable} unparsable skipped, ${mismatches}`;
}

// A single line rewritten in place on a terminal; in a log file, one line per 10% instead.
function progress(force = false): void {
  const now = process.hrtime.bigint();
  if (tty) {
    if (!force && now - lastDraw < 200_000_000n) return;
    lastDraw = now;
    process.stderr.write(`\r${status()}\x1b[K`);
    return;
  }
  const decile = Math.floor((counts.cases * 10) / cases);
  const firstFailure = counts.failures > 0 && !announcedFailure;
  if (force || decile > lastLoggedDecile || firstFailure) {
    lastLoggedDecile = decile;
    announcedFailure ||= firstFailure;
    process.stderr.write(`${status()}\n`);
  }
}

function describe(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'fallback':
      return `fell back to the interpreter: ${verdict.reason}`;
    case 'mismatch':
      return (
        (verdict.note === undefined ? '' : `${verdict.note}\n`) +
        `compiled:    ${JSON.stringify(verdict.compiled)}\n` +
        `interpreted: ${JSON.stringify(verdict.interpreted)}`
      );
    default:
      return verdict.kind;
  }
}

// Shrinking recursive expressions can take hours; past the budget every further candidate counts
// as passing, which ends shrinking with the smallest failing case found so far.
function shrinkBudgetSpent(): boolean {
  if (firstFailureAt === undefined) return false;
  shrinkStopped ||=
    process.hrtime.bigint() - firstFailureAt > BigInt(shrinkSeconds) * 1_000_000_000n;
  return shrinkStopped;
}

const property = fc.asyncProperty(expression, jsonInput, async (source, input) => {
  const shrinking = counts.failures > 0;
  if (shrinking && shrinkBudgetSpent()) return true;
  const verdict = await compareWithInterpreter(source, input);
  const ok =
    verdict.kind === 'agree' ||
    verdict.kind === 'unparsable' ||
    verdict.kind === 'interpreterChangedInput';
  if (verdict.kind === 'interpreterChangedInput' && !shrinking) counts.interpreterChangedInput += 1;
  if (shrinking) counts.shrinkRuns += 1;
  else if (verdict.kind === 'unparsable') counts.unparsable += 1;
  else counts.cases += 1;
  if (!ok) counts.failures += 1;
  if (!ok && !shrinking) {
    firstFailureAt = process.hrtime.bigint();
    // Shown at once, so a long shrink never hides what failed.
    process.stderr.write(
      `\nfirst failing case: ${source}\ninput: ${JSON.stringify(input)}\n${describe(verdict)}\n`,
    );
  }
  progress();
  fc.pre(verdict.kind !== 'unparsable');
  return ok;
});

process.stderr.write(`fuzzing the compiler: ${cases} cases, seed ${seed}\n`);
const details = await fc.check(property, {
  numRuns: cases,
  seed,
  ...(values.path === undefined ? {} : { path: values.path }),
  // Unparsable sources are skipped, not counted; allow plenty of them.
  maxSkipsPerRun: 100,
});
progress(true);
if (tty) process.stderr.write('\n');

const seconds = elapsedSeconds();
if (details.failed && details.counterexample !== null) {
  const [source, input] = details.counterexample;
  const verdict = await compareWithInterpreter(source, input);
  process.stderr.write(
    [
      '',
      `MISMATCH after ${counts.cases} cases (shrunk ${details.numShrinks} times${shrinkStopped ? `, stopped after ${shrinkSeconds} s` : ''})`,
      `expression:  ${source}`,
      `input:       ${JSON.stringify(input)}`,
      describe(verdict),
      `replay:      --seed ${details.seed} --path "${details.counterexamplePath ?? ''}"`,
      '',
    ].join('\n'),
  );
  process.exit(1);
}
if (details.failed) {
  process.stderr.write(`fuzzing stopped: ${String(details.errorInstance ?? 'unknown error')}\n`);
  process.exit(1);
}
process.stdout.write(
  `compiler fuzz: ${details.numRuns} cases agree (seed ${seed}), ` +
    `${details.numSkips} unparsable skipped, 0 mismatches, 0 fallbacks, ` +
    `${counts.interpreterChangedInput} where jsonata changed its input (not compared), ` +
    `${seconds.toFixed(1)} s (${Math.round(details.numRuns / seconds)} cases/s)\n`,
);
