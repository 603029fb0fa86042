import type { ConnectorRegistry } from '@braid/connectors';
import type { ConnectorCatalog } from '@braid/flow-schema';

/** The connector catalog in the shape flow validation takes. */
export function catalogFor(registry: ConnectorRegistry): ConnectorCatalog {
  return Object.fromEntries(
    registry
      .catalog()
      .map((c) => [c.ref, { operations: c.operations.map((o) => o.id), events: c.events }]),
  );
}
