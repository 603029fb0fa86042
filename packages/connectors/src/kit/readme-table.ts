import type { ConnectorDeclaration } from './types.js';

const MARK_START = '<!-- operations:start -->';
const MARK_END = '<!-- operations:end -->';

function row(cells: string[], widths: number[]): string {
  return `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
}

/**
 * Renders the operations table of a connector's README, aligned the way Prettier formats
 * Markdown tables so the checked-in README and the rendering compare byte for byte.
 */
export function renderOperationsTable(declaration: ConnectorDeclaration): string {
  const header = ['Operation', 'Label', 'Effect', 'Description'];
  const rows = Object.values(declaration.operations).map((op) => [
    `\`${op.id}\``,
    op.label,
    op.effect,
    op.description.replace(/\|/g, '\\|'),
  ]);
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const divider = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [row(header, widths), divider, ...rows.map((r) => row(r, widths))].join('\n');
}

/** The table between the `operations:start`/`operations:end` markers of a README. */
export function extractOperationsTable(readme: string): string | undefined {
  const start = readme.indexOf(MARK_START);
  const end = readme.indexOf(MARK_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + MARK_START.length, end).trim();
}

/** The README with its operations table replaced by `table`. */
export function replaceOperationsTable(readme: string, table: string): string {
  const start = readme.indexOf(MARK_START);
  const end = readme.indexOf(MARK_END);
  if (start < 0 || end < start) throw new Error('the README has no operations markers');
  return `${readme.slice(0, start + MARK_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
