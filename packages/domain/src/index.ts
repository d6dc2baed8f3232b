export * from './memberships.js';
export * from './roles.js';
