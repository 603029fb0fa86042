import type { ConnectorDeclaration } from '../kit/types.js';

/** Marks the generated operations table inside README.md. */
export const TABLE_START = '<!-- operations:start -->';
/** End marker of the generated table. */
export const TABLE_END = '<!-- operations:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Renders a connector's operations as the Markdown table its README embeds. */
export function renderOperationsTable(connector: ConnectorDeclaration): string {
  const rows = Object.values(connector.operations).map(
    (op) => `| \`${op.id}\` | ${cell(op.label)} | ${op.effect} | ${cell(op.description)} |`,
  );
  return [
    '| Operation | Label | Effect | Description |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Extracts the table between the markers of a README text. */
export function tableInReadme(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + TABLE_START.length, end).trim();
}
