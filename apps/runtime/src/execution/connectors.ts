import type { ConnectorDeclaration } from '@braid/connectors';

/** Every connector this runtime ships. */
export function builtinConnectors(): ConnectorDeclaration[] {
  return [];
}
