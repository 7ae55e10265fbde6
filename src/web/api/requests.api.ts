import type {
  CreateRequestBody,
  CustomerHit,
  KeyedText,
  ListItem,
  ListQuery,
  ListResponse,
  RequestPage,
  RequestSummary,
  ServiceLabel,
  UpdateCustomerBody,
  UpdateRequestBody,
} from '../../shared/contracts/requests';
import type { CustomerLanguage, DossierTab, Source, Status } from '../../shared/vocabulary';
import { apiRequest } from './http';

export type {
  CreateRequestBody,
  CustomerHit,
  CustomerLanguage,
  DossierTab,
  KeyedText,
  ListItem,
  ListResponse,
  RequestPage,
  RequestSummary,
  ServiceLabel,
  Source,
  Status,
  UpdateCustomerBody,
  UpdateRequestBody,
};
export type TabCounts = ListResponse['counts'];
export type ListFilters = Pick<ListQuery, 'source' | 'categoryId' | 'toHandle' | 'balanceOverdue'>;
export type Message = RequestPage['messages'][number];
export type ActivityItem = RequestPage['activity'][number];
export type Line = RequestPage['lines'][number];
export type OtherRequest = RequestPage['otherRequests'][number];
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
  if (params.balanceOverdue === 'true') query.set('balanceOverdue', 'true');
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
