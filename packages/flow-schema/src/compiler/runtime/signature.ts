import { fail } from './errors.js';

interface Param {
  /** Regex fragment over type symbols, e.g. `[sm]?`. */
  fragment: string;
  /** The symbols one argument of this param may have. */
  symbols: string;
  kind: string;
  context: boolean;
  optional: boolean;
  variadic: boolean;
  subtype?: string;
}

/** Validates and fixes up arguments the way jsonata's function signatures do. */
export type ArgValidator = (args: unknown[], context: unknown) => unknown[];

const SIMPLE: Record<string, string> = {
  s: '[sm]',
  n: '[nm]',
  b: '[bm]',
  l: '[lm]',
  o: '[om]',
  a: '[asnblfom]',
  f: 'f',
  j: '[asnblom]',
  x: '[asnblfom]',
};

/** The one-letter type symbol of a value, as signatures see it (`m` is missing). */
export function symbolOf(value: unknown): string {
  if (typeof value === 'function') return 'f';
  switch (typeof value) {
    case 'string':
      return 's';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'object':
      if (value === null) return 'l';
      return Array.isArray(value) ? 'a' : 'o';
    default:
      return 'm';
  }
}

function closing(sig: string, start: number, open: string, close: string): number {
  let depth = 1;
  let pos = start;
  while (pos < sig.length) {
    pos += 1;
    const ch = sig.charAt(pos);
    if (ch === close) {
      depth -= 1;
      if (depth === 0) break;
    } else if (ch === open) depth += 1;
  }
  return pos;
}

function parse(sig: string): Param[] {
  const params: Param[] = [];
  let pos = 1;
  while (pos < sig.length) {
    const ch = sig.charAt(pos);
    if (ch === ':') break;
    const last = params[params.length - 1];
    const simple = SIMPLE[ch];
    if (simple !== undefined) {
      params.push({
        fragment: simple,
        symbols: simple.replace(/[[\]]/g, ''),
        kind: ch,
        context: false,
        optional: false,
        variadic: false,
      });
    } else if (ch === '(') {
      const end = closing(sig, pos, '(', ')');
      const choice = sig.substring(pos + 1, end);
      params.push({
        fragment: `[${choice}m]`,
        symbols: `${choice}m`,
        kind: `(${choice})`,
        context: false,
        optional: false,
        variadic: false,
      });
      pos = end;
    } else if (ch === '<' && last) {
      const end = closing(sig, pos, '<', '>');
      last.subtype = sig.substring(pos + 1, end);
      pos = end;
    } else if (ch === '-' && last) {
      last.context = true;
      last.fragment += '?';
    } else if (ch === '?' && last) {
      last.optional = true;
      last.fragment += '?';
    } else if (ch === '+' && last) {
      last.variadic = true;
      last.fragment += '+';
    }
    pos += 1;
  }
  return params;
}

function arrayItemsOk(param: Param, single: string, match: string, arg: unknown): boolean {
  if (param.subtype === undefined) return true;
  if (single !== 'a') return match === param.subtype;
  const items = arg as unknown[];
  if (items.length === 0) return true;
  const first = symbolOf(items[0]);
  if (first !== param.subtype.charAt(0)) return false;
  return items.every((v) => symbolOf(v) === first);
}

/** Compiles a jsonata signature string (e.g. `<s-nn?:s>`) into an argument validator. */
export function compileSignature(sig: string): ArgValidator {
  const params = parse(sig);
  const whole = new RegExp('^' + params.map((p) => `(${p.fragment})`).join('') + '$');
  const contextRegex = params.map((p) => new RegExp(p.fragment.replace(/[?+]$/, '')));
  const fastOk = !params.some((p) => p.variadic);

  function slow(args: unknown[], context: unknown): unknown[] {
    const supplied = args.map(symbolOf).join('');
    const matched = whole.exec(supplied);
    if (!matched) {
      let partial = '^';
      let goodTo = 0;
      for (const p of params) {
        partial += p.fragment;
        const m = supplied.match(partial);
        if (m === null) fail('T0410', args[goodTo], goodTo + 1);
        goodTo = m[0].length;
      }
      fail('T0410', args[goodTo], goodTo + 1);
    }
    const out: unknown[] = [];
    let argIndex = 0;
    params.forEach((param, index) => {
      const match = matched[index + 1] ?? '';
      if (match === '') {
        if (param.context) {
          if (!(contextRegex[index] as RegExp).test(symbolOf(context)))
            fail('T0411', context, argIndex + 1);
          out.push(context);
        } else {
          out.push(args[argIndex]);
          argIndex += 1;
        }
        return;
      }
      for (const single of match) {
        let arg = args[argIndex];
        if (param.kind === 'a') {
          if (single === 'm') arg = undefined;
          else {
            if (!arrayItemsOk(param, single, match, arg)) fail('T0412', arg, argIndex + 1);
            if (single !== 'a') arg = [arg];
          }
        }
        out.push(arg);
        argIndex += 1;
      }
    });
    return out;
  }

  // The common case (every argument given with an acceptable type) needs no fix-up.
  return (args, context) => {
    if (!fastOk || args.length > params.length) return slow(args, context);
    for (let i = 0; i < params.length; i++) {
      const param = params[i] as Param;
      if (i >= args.length) {
        if (param.context || !param.optional) return slow(args, context);
        continue;
      }
      const arg = args[i];
      const sym = symbolOf(arg);
      if (!param.symbols.includes(sym)) return slow(args, context);
      if (param.kind === 'a' && sym !== 'm' && (sym !== 'a' || !arrayItemsOk(param, sym, sym, arg)))
        return slow(args, context);
    }
    return args;
  };
}
