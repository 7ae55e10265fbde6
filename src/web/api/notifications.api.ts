import type { NotificationsResponse, StaffNotification } from '../../shared/contracts/notifications';
import { apiRequest } from './http';

export type { NotificationsResponse, StaffNotification };

export function listNotifications(signal?: AbortSignal): Promise<NotificationsResponse> {
  return apiRequest<NotificationsResponse>('GET', '/api/notifications', { signal });
}

/** One notification read, or 'all' of mine. */
export function markNotificationRead(id: string | 'all'): Promise<void> {
  return apiRequest<void>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);
}
