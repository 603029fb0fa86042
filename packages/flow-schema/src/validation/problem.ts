/** How bad a problem is: errors block saving or running a flow, warnings do not. */
export type Severity = 'error' | 'warning';

/** One finding about a flow document, located by a JSON pointer. */
export interface Problem {
  /** JSON pointer (RFC 6901) of the offending value; '' for the document root. */
  path: string;
  /** Stable machine-readable code, e.g. `graph.cycle`; never reworded once published. */
  code: string;
  /** Plain English: what is wrong and how to fix it. */
  message: string;
  severity: Severity;
}

/** What the validator knows about installed connectors, keyed by `connector@major`. */
export type ConnectorCatalog = Record<string, { operations: string[]; events?: string[] }>;

/** Options of `validateFlow`. */
export interface ValidateOptions {
  /** When given, connectors, operations and webhook events are checked against it. */
  catalog?: ConnectorCatalog;
}

/** True when at least one problem is an error (warnings alone do not count). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Builds an error problem. */
export function error(path: string, code: string, message: string): Problem {
  return { path, code, message, severity: 'error' };
}

/** Builds a warning problem. */
export function warning(path: string, code: string, message: string): Problem {
  return { path, code, message, severity: 'warning' };
}

/** Escapes one reference token per RFC 6901 (`~` first, so `/` → `~1` is not re-escaped). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends reference tokens to a JSON pointer. */
export function pointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => '/' + escapePointerToken(t)).join('');
}

const MAX_QUOTED = 60;

/** Quotes a user value for a message, shortened so a huge string cannot flood the output. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = typeof value;
    }
  }
  const short = text.length > MAX_QUOTED ? text.slice(0, MAX_QUOTED) + '…' : text;
  return '`' + short + '`';
}

/** Narrows to a plain (non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
