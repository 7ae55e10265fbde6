/**
 * What the request routes answer and accept, for the staff app. The Zod schemas are defined
 * with their use cases in `src/app/requests` (they move here when those files are next
 * reworked); this module hands their types on, type-only, so that `src/shared` carries no
 * server code at run time and the web bundle no server schema.
 */
import type { z } from 'zod';
import type { CustomerHitSchema } from '../../app/requests/find-customers.js';
import type { KeyedText, ServiceLabel } from '../../app/requests/keyed-text.schemas.js';
import type {
  ListItem as ListItemOfSchema,
  ListQuery,
  ListQuerySchema,
  ListResponseSchema,
} from '../../app/requests/list-requests.js';
import type {
  RequestPage as RequestPageOfSchema,
  RequestPageSchema,
} from '../../app/requests/request-page.js';
import type {
  CreateStaffRequestSchema,
  RequestSummary as RequestSummaryOfSchema,
  RequestSummarySchema,
  UpdateCustomerSchema,
  UpdateRequestSchema,
} from '../../app/requests/requests.schemas.js';
import type { WithCents } from '../money.js';

export type {
  CreateStaffRequestSchema,
  CustomerHitSchema,
  KeyedText,
  ListQuery,
  ListQuerySchema,
  ListResponseSchema,
  RequestPageSchema,
  RequestSummarySchema,
  ServiceLabel,
  UpdateCustomerSchema,
  UpdateRequestSchema,
};

/** One row of a list (Gestion des demandes, a dossier tab, the search). */
export type ListItem = WithCents<ListItemOfSchema>;
/** A page of a list, with every tab's count. */
export type ListResponse = WithCents<z.infer<typeof ListResponseSchema>>;
/** Everything one file's page shows. */
export type RequestPage = WithCents<RequestPageOfSchema>;
/** A file as a change of it answers. */
export type RequestSummary = WithCents<RequestSummaryOfSchema>;
export type CustomerHit = z.infer<typeof CustomerHitSchema>;
export type CreateRequestBody = z.input<typeof CreateStaffRequestSchema>;
export type UpdateRequestBody = z.input<typeof UpdateRequestSchema>;
export type UpdateCustomerBody = z.input<typeof UpdateCustomerSchema>;
