import { type AstNode, type Stage, Unsupported } from '../ast.js';
import { BUILTINS, JSONATA_FUNCTION_NAMES, makeCallable } from '../runtime/builtins.js';
import type { FunctionValue } from '../runtime/values.js';
import { type Frame, type JsScope, boundNames } from './scope.js';

/** Generated code for one node and whether its value may still need sequence normalisation. */
export interface Code {
  code: string;
  /** `value`: never a sequence; `raw`: may be an unnormalised sequence; `norm`: already normalised. */
  kind: 'value' | 'raw' | 'norm';
}

/** Generates the code for one node kind (before predicates, grouping and normalisation). */
export type Handler = (g: Generator, node: AstNode, ctx: string) => Code;

/** Host functions with optional jsonata signatures (Braid's finance library). */
export interface HostFunction {
  implementation: (...args: never[]) => unknown;
  signature?: string;
}

/** Holds the state of one compilation: scopes, frames, names and hoisted constants. */
export class Generator {
  private counter = 0;
  readonly statics: unknown[] = [];
  private readonly staticNames = new Map<unknown, string>();
  readonly jsScopes: JsScope[] = [];
  readonly frames: Frame[] = [];
  readonly free = new Map<string, string>();

  constructor(
    private readonly handlers: Record<string, Handler>,
    private readonly host: ReadonlyMap<string, HostFunction>,
  ) {}

  /** A fresh JS identifier. */
  id(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  /** A constant created once per compiled expression, referenced by name in generated code. */
  constant(value: unknown): string {
    const known = this.staticNames.get(value);
    if (known !== undefined) return known;
    const name = `K${this.statics.length}`;
    this.statics.push(value);
    this.staticNames.set(value, name);
    return name;
  }

  /** Compiles `evaluate(node, ctx)`: the node, its predicates, grouping and normalisation. */
  compile(node: AstNode, ctx: string): string {
    const handler = this.handlers[node.type];
    if (!handler) throw new Unsupported(`${node.type} expression`, node);
    const out = handler(this, node, ctx);
    let code = out.code;
    let kind = out.kind;
    if (node.predicate && node.predicate.length > 0) {
      code = this.stages(code, node.predicate);
      kind = 'raw';
    }
    if (node.type !== 'path' && node.group) {
      code = this.group(code, node.group.lhs);
      kind = 'value';
    }
    if (node.keepArray === true && kind !== 'value') return `R.normKeep(${code})`;
    return kind === 'raw' ? `R.norm(${code})` : code;
  }

  /** Applies filter stages (`[expr]` / `[n]`) to a value; the result is a raw sequence. */
  stages(code: string, stages: Stage[]): string {
    let out = code;
    for (const stage of stages) {
      if (stage.type !== 'filter') throw new Unsupported(`${stage.type} stage`, stage.expr);
      if (stage.expr.type === 'number' && stage.expr.predicate === undefined) {
        out = `R.index(${out}, ${String(stage.expr.value)})`;
      } else {
        out = `R.filter(${out}, ${this.arrow((c) => this.compile(stage.expr, c))})`;
      }
    }
    return out;
  }

  /** Generic grouping of a value by an object constructor's pairs. */
  group(code: string, pairs: [AstNode, AstNode][]): string {
    const list = pairs.map(
      ([k, v]) =>
        `[${this.arrow((c) => this.compile(k, c))}, ${this.arrow((c) => this.compile(v, c))}]`,
    );
    return `R.group(${code}, [${list.join(', ')}])`;
  }

  /** Emits a one-parameter arrow function with its own JS scope for frame variables. */
  arrow(body: (param: string) => string): string {
    const param = this.id('c');
    const scope: JsScope = { decls: [] };
    this.jsScopes.push(scope);
    const code = body(param);
    this.jsScopes.pop();
    if (scope.decls.length === 0) return `((${param}) => ${code})`;
    return `((${param}) => { let ${scope.decls.join(', ')}; return ${code}; })`;
  }

  /** Emits a one-parameter arrow function whose body is statements (ending with a return). */
  arrowStatements(body: (param: string) => string): string {
    const param = this.id('c');
    const scope: JsScope = { decls: [] };
    this.jsScopes.push(scope);
    const code = body(param);
    this.jsScopes.pop();
    const decls = scope.decls.length === 0 ? '' : `let ${scope.decls.join(', ')}; `;
    return `((${param}) => { ${decls}${code} })`;
  }

  /** Opens a frame whose bound names are known up front (so early lookups can skip them). */
  withFrame<T>(nodes: AstNode[], params: string[], isRoot: boolean, body: (frame: Frame) => T): T {
    const frame: Frame = { vars: new Map(), params: new Set(params), isRoot };
    const names = new Set<string>();
    for (const n of nodes) boundNames(n, names);
    const scope = this.jsScopes[this.jsScopes.length - 1] as JsScope;
    for (const p of params) frame.vars.set(p, `p_${this.paramName(p)}`);
    for (const name of names) {
      if (name === '' || name === '$') throw new Unsupported('binding $ or $$');
      if (frame.params.has(name)) continue;
      const v = this.id('v');
      frame.vars.set(name, v);
      const init = isRoot
        ? `R.has(bindings, ${JSON.stringify(name)}) ? bindings[${JSON.stringify(name)}] : U`
        : 'U';
      scope.decls.push(`${v} = ${init}`);
    }
    this.frames.push(frame);
    try {
      return body(frame);
    } finally {
      this.frames.pop();
    }
  }

  /** The JS variable a `:=` in the innermost frame assigns to. */
  bindTarget(name: string): string {
    const frame = this.frames[this.frames.length - 1] as Frame;
    const v = frame.vars.get(name);
    if (v === undefined) throw new Unsupported(`binding $${name}`);
    return v;
  }

  /** A variable lookup: innermost frame outwards, then bindings, host functions and built-ins. */
  lookup(name: string, node: AstNode): string {
    const chain: string[] = [];
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i] as Frame;
      if (frame.params.has(name)) {
        return this.chain(chain, frame.vars.get(name) as string);
      }
      const v = frame.vars.get(name);
      if (v !== undefined) chain.push(v);
    }
    return this.chain(chain, this.freeVariable(name, node));
  }

  /** The JS parameter name of a lambda parameter. */
  paramName(name: string): string {
    return name.replace(/[^A-Za-z0-9_]/g, (ch) => `$${ch.charCodeAt(0)}`);
  }

  private chain(vars: string[], last: string): string {
    return vars.reduceRight((rest, v) => `(${v} !== U ? ${v} : ${rest})`, last);
  }

  private freeVariable(name: string, node: AstNode): string {
    const known = this.free.get(name);
    if (known !== undefined) return known;
    const host = this.host.get(name);
    let value: FunctionValue | undefined;
    if (host)
      value = makeCallable(
        name,
        host.signature,
        host.implementation.length,
        host.implementation,
      ).value;
    else if (BUILTINS.has(name)) value = BUILTINS.get(name)?.value;
    else if (JSONATA_FUNCTION_NAMES.has(name)) throw new Unsupported(`function $${name}`, node);
    const v = this.id('F');
    const fallback = value === undefined ? 'undefined' : this.constant(value);
    this.free.set(name, v);
    this.jsScopes[0]?.decls.push(
      `${v} = R.has(bindings, ${JSON.stringify(name)}) ? bindings[${JSON.stringify(name)}] : ${fallback}`,
    );
    return v;
  }
}
