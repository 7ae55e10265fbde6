/**
 * Where the pieces of a request's life used to live together; kept as a signpost while callers
 * move to the files named for each role.
 */
export { type CustomerInput, findOrCreateCustomer } from './customers.js';
export { type NewLine, type OpenRequestInput, openRequest } from './open-request.js';
export { searchContent } from './search-document.js';
export { notifyStaff } from './staff-notifications.js';
