import type { ConnectorDeclaration } from '../kit/types.js';

/** Markers around the generated operations table in README.md. */
export const OPERATIONS_TABLE_START = '<!-- operations:start -->';
/** End marker of the generated table. */
export const OPERATIONS_TABLE_END = '<!-- operations:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** Renders a connector's operations as the Markdown table the README embeds. */
export function renderOperationsTable(decl: ConnectorDeclaration): string {
  const rows = Object.values(decl.operations).map(
    (op) => `| \`${op.id}\` | ${cell(op.label)} | ${op.effect} | ${cell(op.description)} |`,
  );
  return [
    '| Operation | Label | Effect | Description |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Extracts the table between the markers of a README text. */
export function extractOperationsTable(readme: string): string | undefined {
  const start = readme.indexOf(OPERATIONS_TABLE_START);
  const end = readme.indexOf(OPERATIONS_TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + OPERATIONS_TABLE_START.length, end).trim();
}
