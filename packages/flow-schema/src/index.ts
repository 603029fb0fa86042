export * from './types.js';
export * from './functions/types.js';
export * from './functions/index.js';
export * from './expressions/types.js';
export * from './expressions/engine.js';
export * from './expressions/mapping.js';
export * from './expressions/braid.js';
