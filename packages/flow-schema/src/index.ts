export * from './types.js';
export * from './functions/types.js';
export * from './expressions/types.js';
