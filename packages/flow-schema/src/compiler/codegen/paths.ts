import { type AstNode, Unsupported } from '../ast.js';
import { type StepFn, name as nameStep } from '../runtime/paths.js';
import type { Code, Generator, Handler } from './generator.js';

/** Code generation for paths, field names, `*` and variables. */

function isPlainName(step: AstNode): boolean {
  return (
    step.type === 'name' &&
    !step.stages?.length &&
    !step.predicate?.length &&
    step.keepArray !== true &&
    !step.group
  );
}

function stepFunction(g: Generator, step: AstNode, first: boolean): string {
  if (
    step.tuple ||
    step.focus !== undefined ||
    step.index !== undefined ||
    step.ancestor !== undefined
  ) {
    throw new Unsupported('tuple step (@, #, %)', step);
  }
  if (step.type === 'sort') throw new Unsupported('order-by ^()', step);
  if (first && step.consarray) return g.arrow((c) => g.compile(step, c));
  if (isPlainName(step)) {
    const key = String(step.value);
    const fn: StepFn = (item) => nameStep(item, key);
    return g.constant(fn);
  }
  return g.arrow((c) => {
    const value = g.compile(step, c);
    return step.stages?.length ? g.stages(value, step.stages) : value;
  });
}

// A variable step with nothing attached (`$li` in `$li.sku`): its value starts a name walk.
function isPlainVariable(step: AstNode): boolean {
  return (
    step.type === 'variable' &&
    !step.stages?.length &&
    !step.predicate?.length &&
    step.keepArray !== true &&
    !step.group &&
    !step.tuple &&
    step.focus === undefined &&
    step.index === undefined &&
    step.ancestor === undefined
  );
}

const path: Handler = (g, node, ctx) => {
  const steps = node.steps ?? [];
  if (node.tuple) throw new Unsupported('tuple path', node);
  const [head, ...rest] = steps;
  if (
    head !== undefined &&
    rest.length > 0 &&
    isPlainVariable(head) &&
    rest.every(isPlainName) &&
    !node.group &&
    node.keepSingletonArray !== true
  ) {
    // `$v.a.b` (lambda parameters, `$$.trigger.x`): walk from the variable's value directly
    // instead of running the general step loop with a closure for the variable.
    const keys = g.constant(rest.map((s) => String(s.value)));
    const list = g.constant(rest.map((s) => (item: unknown) => nameStep(item, String(s.value))));
    return { code: `R.varNames(${g.compile(head, ctx)}, ${keys}, ${list})`, kind: 'norm' };
  }
  const fns = steps.map((s, i) => stepFunction(g, s, i === 0));
  const simple = steps.every(isPlainName) && !node.group && node.keepSingletonArray !== true;
  if (simple) {
    // Every step is a shared constant here, so the step list is one constant too.
    const keys = g.constant(steps.map((s) => String(s.value)));
    const list = g.constant(steps.map((s) => (item: unknown) => nameStep(item, String(s.value))));
    return { code: `R.names(${ctx}, ${keys}, ${list})`, kind: 'norm' };
  }
  const absolute = steps[0]?.type === 'variable';
  const consFirst = steps[0]?.consarray === true;
  const code = `R.path(${ctx}, [${fns.join(', ')}], ${absolute}, ${consFirst}, ${node.keepSingletonArray === true})`;
  if (node.group) return { code: g.group(code, node.group.lhs), kind: 'value' };
  return { code, kind: 'raw' };
};

const nameNode: Handler = (_g, node, ctx) => {
  const key = JSON.stringify(String(node.value));
  if (node.keepArray === true || node.predicate?.length)
    return { code: `R.lookup(${ctx}, ${key})`, kind: 'raw' };
  return { code: `R.name(${ctx}, ${key})`, kind: 'norm' };
};

const wildcard: Handler = (_g, _node, ctx) => ({ code: `R.wildcard(${ctx})`, kind: 'raw' });

const variable: Handler = (g, node, ctx): Code => {
  const v = String(node.value);
  if (v === '') return { code: `R.self(${ctx})`, kind: 'raw' };
  if (v === '$') return { code: 'input', kind: 'raw' };
  return { code: g.lookup(v, node), kind: 'raw' };
};

/** Handlers for path-like nodes. */
export const pathHandlers: Record<string, Handler> = { path, name: nameNode, wildcard, variable };
