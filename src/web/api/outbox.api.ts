import type { EmailNotifications, OutboxView } from '../../shared/contracts/outbox';
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

export type { EmailNotifications };

/** The e-mail notifications the signed-in staff member chose. */
export function getEmailNotifications(signal?: AbortSignal): Promise<EmailNotifications> {
  return apiRequest<EmailNotifications>('GET', '/api/me/email-notifications', { signal });
}

export function saveEmailNotifications(body: EmailNotifications): Promise<EmailNotifications> {
  return apiRequest<EmailNotifications>('PUT', '/api/me/email-notifications', { body });
}
