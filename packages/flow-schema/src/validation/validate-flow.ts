import { checkConnections } from './connections-layer.js';
import { checkExpressions } from './expression-layer.js';
import { viewOf } from './flow-view.js';
import { buildGraph } from './graph.js';
import { checkGraph } from './graph-layer.js';
import { type Problem, type ValidateOptions, error, isRecord } from './problem.js';
import { checkSchema } from './schema-layer.js';

const MAX_NODES = 500;
const MAX_EDGES = 2000;

/** Runs one layer; a bug in a layer must cost its findings, never the caller's process. */
function guarded(layer: string, run: () => Problem[]): Problem[] {
  try {
    return run();
  } catch (e) {
    const why = e instanceof Error ? e.message : 'unknown failure';
    return [
      error(
        '',
        'validator.internal',
        `the ${layer} check could not finish (${why}); please report this document.`,
      ),
    ];
  }
}

/** True when the graph layer has something it can safely walk: bounded node and edge arrays. */
function graphInspectable(doc: unknown): boolean {
  if (!isRecord(doc)) return false;
  const { nodes, edges } = doc;
  return (
    Array.isArray(nodes) &&
    Array.isArray(edges) &&
    nodes.length <= MAX_NODES &&
    edges.length <= MAX_EDGES
  );
}

/**
 * Validates a flow document in three layers (schema, graph, expressions) and returns every
 * problem found, each with a JSON pointer. Never throws, whatever `doc` is.
 */
export function validateFlow(doc: unknown, options: ValidateOptions = {}): Problem[] {
  const problems = guarded('schema', () => checkSchema(doc));
  if (!graphInspectable(doc)) return problems;
  let graphProblems: Problem[] = [];
  const later = guarded('graph', () => {
    const view = viewOf(doc);
    const graph = buildGraph(view);
    graphProblems = [...checkGraph(graph), ...checkConnections(doc, view, options.catalog)];
    // With duplicate ids a `steps.<id>` reference is ambiguous, so only syntax is checked.
    const trusted = !graphProblems.some((p) => p.code === 'graph.duplicate-id');
    return [
      ...graphProblems,
      ...guarded('expression', () => checkExpressions(doc, graph, trusted)),
    ];
  });
  return [...problems, ...later];
}
