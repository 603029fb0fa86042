export * from './types.js';
export * from './errors.js';
export * from './http-client.js';
export * from './rate-limiter.js';
export * from './registry.js';
export * from './readme-table.js';
