import type { OutboxView } from '../../shared/contracts/outbox';
import { apiRequest } from './http';

export type { OutboxView };

export function getOutbox(signal?: AbortSignal): Promise<OutboxView> {
  return apiRequest<OutboxView>('GET', '/api/outbox', { signal });
}

export function retryParked(id: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('POST', `/api/outbox/${encodeURIComponent(id)}/retry`);
}

/** The HTML part, served with a sandbox CSP and shown in <iframe sandbox>. */
export function sentMailHtmlUrl(id: string): string {
  return `/api/outbox/${encodeURIComponent(id)}/html`;
}
