export * from './checklist.js';
export * from './criteria.js';
export * from './memberships.js';
export * from './projection.js';
export * from './recommendation.js';
export * from './roles.js';
export * from './settings.js';
export * from './stages.js';
