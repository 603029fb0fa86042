export * from './ports.js';
export * from './model.js';
