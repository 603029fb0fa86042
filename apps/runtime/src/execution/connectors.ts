import { type ConnectorDeclaration, createHttpConnector } from '@braid/connectors';

/** Every connector this runtime ships. */
export function builtinConnectors(): ConnectorDeclaration[] {
  return [createHttpConnector()];
}
