import jsonata from 'jsonata';
import { TRIGGER_NODE_ID } from '../types.js';
import { type ExpressionSite, expressionSites } from './expression-sites.js';
import { type RootReference, rootReferences } from './expression-refs.js';
import { type FlowGraph, ancestorsOf, dominators, reachFrom } from './graph.js';
import { type Problem, error, isRecord, warning } from './problem.js';

const MAX_EXPRESSION_LENGTH = 20000;

/** Parses an expression; a syntax error becomes a problem with JSONata's position. */
function parse(site: ExpressionSite): { ast?: unknown; problem?: Problem } {
  if (site.source.length > MAX_EXPRESSION_LENGTH) return {}; // the schema already reports it
  try {
    return { ast: jsonata(site.source).ast() };
  } catch (e) {
    const details = isRecord(e) ? e : {};
    const why =
      typeof details['message'] === 'string'
        ? details['message']
        : 'the expression cannot be parsed';
    const position =
      typeof details['position'] === 'number' ? ` at character ${details['position']}` : '';
    const code = typeof details['code'] === 'string' ? ` (${details['code']})` : '';
    return {
      problem: error(
        site.at,
        'expression.syntax',
        `JSONata syntax error${position}${code}: ${why}; fix the expression.`,
      ),
    };
  }
}

/** Facts about the graph every reference check needs, computed once per document. */
interface Context {
  graph: FlowGraph;
  reachable: Set<string>;
  dom: Map<string, Set<string>>;
  ancestors: (id: string) => Set<string>;
  /** The forEach (if any) whose body holds a node. */
  bodyOf: (id: string) => string | undefined;
}

function contextOf(graph: FlowGraph): Context {
  const cache = new Map<string, Set<string>>();
  return {
    graph,
    reachable: reachFrom(graph, TRIGGER_NODE_ID),
    dom: dominators(graph),
    ancestors: (id) => cache.get(id) ?? cache.set(id, ancestorsOf(graph, id)).get(id)!,
    bodyOf: (id) => [...graph.bodies].find(([, body]) => body.has(id))?.[0],
  };
}

/** The nodes that end an item of a forEach body (no onward edge inside the body). */
function bodyExits(ctx: Context, forEachId: string): string[] {
  const body = ctx.graph.bodies.get(forEachId) ?? new Set<string>();
  return [...body].filter((id) => !(ctx.graph.out.get(id) ?? []).some((e) => body.has(e.to)));
}

type Verdict = 'ok' | 'self' | 'not-run' | 'may-not-run';

function verdictAt(ctx: Context, at: string, ref: string): Verdict {
  if (ref === at) return 'self';
  if (!ctx.ancestors(at).has(ref)) return 'not-run';
  const dom = ctx.dom.get(at);
  return dom && !dom.has(ref) ? 'may-not-run' : 'ok';
}

/** Whether `ref` has run by the time the site's expression is evaluated. */
function verdict(ctx: Context, site: ExpressionSite, nodeId: string, ref: string): Verdict {
  const body = ctx.graph.bodies.get(nodeId);
  if (site.scope !== 'collect' || !body?.has(ref)) return verdictAt(ctx, nodeId, ref);
  // `collect` runs after each item's path, so body steps count if every path passes them.
  const exits = bodyExits(ctx, nodeId);
  return exits.every((exit) => exit === ref || ctx.dom.get(exit)?.has(ref) === true)
    ? 'ok'
    : 'may-not-run';
}

const VERDICT_PROBLEMS: Record<
  Exclude<Verdict, 'ok'>,
  (site: ExpressionSite, nodeId: string, ref: RootReference, ctx: Context) => Problem
> = {
  self: (site, nodeId) =>
    error(
      site.at,
      'expression.step-not-run',
      `\`steps.${nodeId}\` is this node's own output, which does not exist while it runs; read its inputs instead.`,
    ),
  'not-run': (site, nodeId, ref, ctx) => {
    const loop = ctx.bodyOf(ref.name);
    const hint =
      loop && loop !== ctx.bodyOf(nodeId)
        ? ` It runs inside forEach \`${loop}\`; read \`steps.${loop}\` (the collected results) instead.`
        : ' Connect it before this node or read another step.';
    return error(
      site.at,
      'expression.step-not-run',
      `\`steps.${ref.name}\` (character ${ref.position}) has not run when \`${nodeId}\` runs: it is not on any path leading here.${hint}`,
    );
  },
  'may-not-run': (site, nodeId, ref) =>
    warning(
      site.at,
      'expression.step-may-not-run',
      `\`steps.${ref.name}\` (character ${ref.position}) runs on only some paths to \`${nodeId}\`, so it may be missing; guard it (e.g. \`$exists(steps.${ref.name})\`) or move this node.`,
    ),
};

function checkReference(
  ctx: Context | undefined,
  site: ExpressionSite,
  ref: RootReference,
): Problem[] {
  if (ref.kind === 'item') {
    const inside =
      site.nodeId !== undefined &&
      (site.scope === 'collect' || ctx?.bodyOf(site.nodeId) !== undefined);
    if (inside || ctx === undefined) return [];
    return [
      warning(
        site.at,
        'expression.item-outside-foreach',
        `\`${ref.name}\` (character ${ref.position}) only exists inside a forEach body; here it is always empty.`,
      ),
    ];
  }
  if (site.scope === 'trigger') {
    return [
      error(
        site.at,
        'expression.step-not-run',
        `\`steps.${ref.name}\` (character ${ref.position}) is read before any step runs; trigger expressions see only \`trigger\` and \`params\`.`,
      ),
    ];
  }
  if (ctx === undefined || site.nodeId === undefined) return [];
  if (!ctx.graph.view.byId.has(ref.name)) {
    return [
      error(
        site.at,
        'expression.unknown-step',
        `\`steps.${ref.name}\` (character ${ref.position}) names no node in this flow; fix the node id.`,
      ),
    ];
  }
  // Nodes that never run have their own warning; dominance is undefined for them.
  if (!ctx.reachable.has(site.nodeId)) return [];
  const result = verdict(ctx, site, site.nodeId, ref.name);
  // `$exists(steps.x) ? steps.x.y : ...` reads it only where it ran: no warning.
  if (result === 'ok' || (result === 'may-not-run' && ref.guarded)) return [];
  return [VERDICT_PROBLEMS[result](site, site.nodeId, ref, ctx)];
}

/**
 * The expression layer: every expression parses, and every `steps.<id>` it reads has run.
 * Reference checks need a trustworthy graph (unique ids), so they run only when `referencesTrusted`.
 */
export function checkExpressions(
  doc: unknown,
  graph: FlowGraph,
  referencesTrusted: boolean,
): Problem[] {
  const ctx = referencesTrusted ? contextOf(graph) : undefined;
  const problems: Problem[] = [];
  for (const site of expressionSites(doc, graph.view)) {
    const { ast, problem } = parse(site);
    if (problem) problems.push(problem);
    if (ast === undefined || site.scope === 'item-input') continue;
    const seen = new Map<string, boolean>();
    for (const ref of rootReferences(ast)) {
      // One finding per name and expression; repeating it for each mention adds nothing, but an
      // unguarded mention still counts after a guarded one.
      const key = ref.kind + ref.name;
      const wasGuarded = seen.get(key);
      if (wasGuarded === false || (wasGuarded === true && ref.guarded)) continue;
      seen.set(key, ref.guarded === true);
      problems.push(...checkReference(ctx, site, ref));
    }
  }
  return problems;
}
