import type { z } from 'zod';
import type { CustomerHitSchema } from '../../app/requests/find-customers';
import type { KeyedText, ServiceLabel } from '../../app/requests/keyed-text.schemas';
import type { ListItem, ListQuery, ListResponseSchema } from '../../app/requests/list-requests';
import type { RequestPage } from '../../app/requests/request-page';
import type {
  CreateStaffRequestSchema,
  LANGUAGES,
  RequestSummary,
  UpdateCustomerSchema,
  UpdateRequestSchema,
} from '../../app/requests/requests.schemas';
import type {
  SOURCES as SERVER_SOURCES,
  DOSSIER_TABS as SERVER_TABS,
  Source,
  Status,
} from '../../domain/status';
import { apiRequest } from './http';

// Types only: the schemas stay on the server, the web bundle carries no Zod.
export type { KeyedText, ListItem, RequestPage, RequestSummary, ServiceLabel, Source, Status };
export type ListResponse = z.infer<typeof ListResponseSchema>;
export type TabCounts = ListResponse['counts'];
export type ListFilters = Pick<ListQuery, 'source' | 'categoryId' | 'toHandle'>;
export type CustomerHit = z.infer<typeof CustomerHitSchema>;
export type CreateRequestBody = z.input<typeof CreateStaffRequestSchema>;
export type UpdateRequestBody = z.input<typeof UpdateRequestSchema>;
export type UpdateCustomerBody = z.input<typeof UpdateCustomerSchema>;
export type CustomerLanguage = (typeof LANGUAGES)[number];
export type Message = RequestPage['messages'][number];
export type ActivityItem = RequestPage['activity'][number];
export type Line = RequestPage['lines'][number];
export type OtherRequest = RequestPage['otherRequests'][number];

// Copies of the server's lists (the bundle imports no server values); typed as the server's
// tuples, so any difference fails the type check.
export const SOURCES: typeof SERVER_SOURCES = ['vel', 'contact', 'custom', 'email', 'staff'];
export const DOSSIER_TABS: typeof SERVER_TABS = [
  'new',
  'in_progress',
  'awaiting_payment',
  'deposit_paid',
  'paid',
  'processed',
  'archived',
];
export type DossierTab = (typeof SERVER_TABS)[number];
export const CUSTOMER_LANGUAGES: typeof LANGUAGES = ['fr', 'en', 'de', 'it', 'es', 'nl'];
export const PAGE_SIZE = 50;

const enc = encodeURIComponent;

export interface ListParams extends ListFilters {
  tab: Status;
  cursor?: string | null;
  limit?: number;
}

/** A page of a list (Gestion des demandes or one dossier tab), newest activity first, with every tab's count. */
export function listRequests(params: ListParams, signal?: AbortSignal): Promise<ListResponse> {
  const query = new URLSearchParams({ tab: params.tab, limit: String(params.limit ?? PAGE_SIZE) });
  if (params.source) query.set('source', params.source);
  if (params.categoryId) query.set('categoryId', params.categoryId);
  if (params.toHandle === 'true') query.set('toHandle', 'true');
  if (params.cursor) query.set('cursor', params.cursor);
  return apiRequest<ListResponse>('GET', `/api/requests?${query}`, { signal });
}

export async function searchRequests(q: string, signal?: AbortSignal): Promise<ListItem[]> {
  const { items } = await apiRequest<{ items: ListItem[] }>('GET', `/api/search?q=${enc(q)}`, { signal });
  return items;
}

export async function findCustomers(q: string, signal?: AbortSignal): Promise<CustomerHit[]> {
  const { items } = await apiRequest<{ items: CustomerHit[] }>('GET', `/api/customers?q=${enc(q)}`, {
    signal,
  });
  return items;
}

/** "Nouvelle demande": a customer's request noted by staff (origin Téléphone / guichet). */
export function createRequest(body: CreateRequestBody): Promise<RequestSummary> {
  return apiRequest<RequestSummary>('POST', '/api/requests', { body });
}

export function getRequestPage(id: string, signal?: AbortSignal): Promise<RequestPage> {
  return apiRequest<RequestPage>('GET', `/api/requests/${enc(id)}`, { signal });
}

/** Category or language, with the file version the edit started from (409 CONFLICT when stale). */
export function updateRequest(id: string, body: UpdateRequestBody): Promise<RequestSummary> {
  return apiRequest<RequestSummary>('PATCH', `/api/requests/${enc(id)}`, { body });
}

/**
 * The customer's contact details or "Commentaire client": only the changed fields, with the
 * customer version the edit started from (409 CONFLICT if a colleague changed one of them since).
 */
export function updateCustomer(id: string, body: UpdateCustomerBody): Promise<void> {
  return apiRequest<void>('PATCH', `/api/requests/${enc(id)}/customer`, { body });
}

export function replyToCustomer(id: string, body: string): Promise<{ id: string; createdAt: string }> {
  return apiRequest('POST', `/api/requests/${enc(id)}/messages`, { body: { body } });
}

export interface Viewer {
  userId: string;
  name: string;
}

/** "I have this file open" (every 20 s), or "I left it"; answers the colleagues who have it open. */
export async function beatPresence(id: string, leaving = false): Promise<Viewer[]> {
  const { viewers } = await apiRequest<{ viewers: Viewer[] }>('POST', `/api/requests/${enc(id)}/presence`, {
    body: { leaving },
    keepalive: leaving,
    ignoreUnauthorized: leaving,
  });
  return viewers;
}
