export * from './ports.js';
export * from './model.js';
export * from './context.js';
export { advance } from './interpreter-core.js';
export { retryDelayMs, NO_RETRY } from './backoff.js';
export { idempotencyKeyOf, stepKeyOf } from './keys.js';
export { classify } from './failures.js';
export { truthy } from './node-executors.js';
