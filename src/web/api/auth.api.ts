import { apiRequest } from './http';
import type { Role } from './staff.api';

/** What GET /api/auth/me and POST /api/auth/login answer (MeSchema in http/routes/auth.routes.ts). */
export interface Me {
  user: { id: string; email: string; name: string; role: Role; language: string };
  school: { id: string; slug: string; name: string; timeZone: string };
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest<Me>('GET', '/api/auth/me', { signal, ignoreUnauthorized: true });
}

export function login(email: string, password: string): Promise<Me> {
  return apiRequest<Me>('POST', '/api/auth/login', { body: { email, password }, ignoreUnauthorized: true });
}

export function logout(): Promise<void> {
  return apiRequest<void>('POST', '/api/auth/logout', { ignoreUnauthorized: true });
}

/** The language of my screens, kept on my account (and the journal sentences I read). */
export function saveMyLanguage(language: 'fr' | 'en'): Promise<void> {
  return apiRequest<void>('PATCH', '/api/auth/me', { body: { language } });
}
