import type { ErrorObject } from 'ajv';
import { type Problem, error, escapePointerToken, quote } from './problem.js';

/** Plain-English explanations of the schema's patterns, by pattern text. */
export type PatternHelp = Map<string, string>;

type Formatter = (
  e: ErrorObject,
  help: PatternHelp,
) => { at?: string; code?: string; message: string };

const param = (e: ErrorObject, key: string): unknown => (e.params as Record<string, unknown>)[key];
const child = (e: ErrorObject, key: string): string =>
  `${e.instancePath}/${escapePointerToken(String(param(e, key)))}`;
const extra = (key: string) => (e: ErrorObject) => ({
  at: child(e, key),
  code: 'schema.additional-property',
  message: `unknown property ${quote(param(e, key))}; remove it or check its spelling.`,
});

/** One formatter per ajv keyword, so every message says what is wrong and what to do. */
const FORMATTERS: Record<string, Formatter> = {
  required: (e) => ({
    at: child(e, 'missingProperty'),
    message: `missing required property ${quote(param(e, 'missingProperty'))}; add it.`,
  }),
  additionalProperties: extra('additionalProperty'),
  unevaluatedProperties: extra('unevaluatedProperty'),
  type: (e) => ({
    message: `must be ${String(param(e, 'type')).split(',').map(article).join(' or ')}.`,
  }),
  enum: (e) => ({
    message: `must be one of ${(param(e, 'allowedValues') as unknown[]).map((v) => quote(v)).join(', ')}.`,
  }),
  const: (e) => ({ message: `must be ${quote(param(e, 'allowedValue'))} here.` }),
  pattern: (e, help) => ({
    message:
      help.get(String(param(e, 'pattern'))) ??
      `must match the pattern ${quote(param(e, 'pattern'))}.`,
  }),
  propertyNames: (e) => ({
    at: child(e, 'propertyName'),
    code: 'schema.property-name',
    message: `${quote(param(e, 'propertyName'))} is not a valid key here; use letters, digits, '_', '$' or '-' (dot-separated for field paths).`,
  }),
  minLength: (e) => ({ message: `must be at least ${String(param(e, 'limit'))} characters long.` }),
  maxLength: (e) => ({
    message: `must be at most ${String(param(e, 'limit'))} characters long; shorten it.`,
  }),
  minimum: (e) => ({
    message: `must be ${String(param(e, 'comparison'))} ${String(param(e, 'limit'))}.`,
  }),
  maximum: (e) => ({
    message: `must be ${String(param(e, 'comparison'))} ${String(param(e, 'limit'))}.`,
  }),
  minItems: (e) => ({ message: `must have at least ${String(param(e, 'limit'))} item(s).` }),
  maxItems: (e) => ({
    message: `must have at most ${String(param(e, 'limit'))} items; split the flow.`,
  }),
  format: (e) => ({ message: `must be a valid ${String(param(e, 'format'))}.` }),
};

const article = (type: string): string => (/^[aeiou]/.test(type) ? 'an ' : 'a ') + type;
const kebab = (keyword: string): string => keyword.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** Converts one ajv error into a problem. */
export function toProblem(e: ErrorObject, help: PatternHelp, base: string): Problem {
  const format = FORMATTERS[e.keyword];
  const out = format
    ? format(e, help)
    : { message: e.message ?? `fails the schema rule ${e.keyword}.` };
  return error(
    base + (out.at ?? e.instancePath),
    out.code ?? `schema.${kebab(e.keyword)}`,
    out.message,
  );
}

const BRANCH = /^#\/oneOf\/(\d+)\//;

function branchOf(e: ErrorObject): number | undefined {
  const match = BRANCH.exec(e.schemaPath);
  return match ? Number(match[1]) : undefined;
}

/**
 * Replaces each `oneOf` failure by the errors of the one alternative the user evidently meant:
 * the alternative whose required properties are all present. When none qualifies, one summary
 * saying which properties would select an alternative beats a list of every branch's failures.
 */
export function resolveOneOf(
  errors: readonly ErrorObject[],
  base: string,
  help: PatternHelp,
): Problem[] {
  const problems: Problem[] = [];
  const consumed = new Set<ErrorObject>();
  // Deepest first, so a mapping's oneOf inside a node's oneOf is resolved on its own.
  const oneOfs = errors
    .filter((e) => e.keyword === 'oneOf')
    .sort((a, b) => b.instancePath.length - a.instancePath.length);
  for (const oneOf of oneOfs) {
    consumed.add(oneOf);
    const at = oneOf.instancePath;
    const inside = errors.filter(
      (e) =>
        !consumed.has(e) &&
        branchOf(e) !== undefined &&
        (e.instancePath === at || e.instancePath.startsWith(at + '/')),
    );
    inside.forEach((e) => consumed.add(e));
    const passing = param(oneOf, 'passingSchemas');
    if (Array.isArray(passing)) {
      problems.push(
        error(
          base + at,
          'schema.one-of',
          'matches more than one form; keep only the properties of one of them.',
        ),
      );
      continue;
    }
    const branches = [...new Set(inside.map(branchOf))].filter((b) => b !== undefined);
    const missing = (b: number) =>
      inside.filter((e) => branchOf(e) === b && e.keyword === 'required' && e.instancePath === at);
    const candidates = branches.filter((b) => missing(b).length === 0);
    if (candidates.length === 0) {
      const options = branches.map((b) =>
        missing(b)
          .map((e) => quote(param(e, 'missingProperty')))
          .join(' and '),
      );
      problems.push(
        error(base + at, 'schema.one-of', `needs ${options.join(' or ')}; add one of them.`),
      );
      continue;
    }
    const chosen = candidates.reduce((a, b) => (count(inside, b) < count(inside, a) ? b : a));
    problems.push(
      ...inside
        .filter((e) => branchOf(e) === chosen)
        .filter(notPatternOfName)
        .map((e) => toProblem(e, help, base)),
    );
  }
  const rest = errors.filter((e) => !consumed.has(e) && notPatternOfName(e));
  return [...problems, ...rest.map((e) => toProblem(e, help, base))];
}

const count = (errors: readonly ErrorObject[], branch: number): number =>
  errors.filter((e) => branchOf(e) === branch).length;

/** ajv reports a bad key twice (the pattern, then propertyNames); the propertyNames one suffices. */
const notPatternOfName = (e: ErrorObject): boolean =>
  !(e.keyword === 'pattern' && 'propertyName' in e);
