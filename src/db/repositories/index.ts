export * from './change-marks.repository.js';
export * from './customer.repository.js';
export * from './notification.repository.js';
export * from './request.repository.js';
export * from './request-list.repository.js';
export * from './search.repository.js';
export * from './session.repository.js';
export * from './user.repository.js';
