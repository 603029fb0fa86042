import {
  type ConnectorDeclaration,
  createHttpConnector,
  createPayTraceConnector,
  createQboConnector,
  createShopifyConnector,
} from '@braid/connectors';

/** Every connector this runtime ships. */
export function builtinConnectors(): ConnectorDeclaration[] {
  return [
    createHttpConnector(),
    createShopifyConnector(),
    createPayTraceConnector(),
    createQboConnector(),
  ];
}
