export * from './ids.js';
export * from './organization.js';
export * from './collaboration.js';
export * from './programme.js';
export * from './introduction.js';
export * from './digest.js';
export * from './errors.js';
export * from './regions.js';
