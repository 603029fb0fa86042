export * from './kit/index.js';
export * from './http/index.js';
