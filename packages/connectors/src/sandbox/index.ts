export * from './server.js';
export * from './faults.js';
