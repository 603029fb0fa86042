/** Injection tokens for the runtime's shared, non-class dependencies. */
export const PG_POOL = Symbol('PG_POOL');
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const CONNECTORS = Symbol('CONNECTORS');
export const EXPRESSIONS = Symbol('EXPRESSIONS');
export const METRICS = Symbol('METRICS');
