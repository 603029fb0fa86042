export * from './kit/types.js';
