export * from './session.repository.js';
export * from './user.repository.js';
