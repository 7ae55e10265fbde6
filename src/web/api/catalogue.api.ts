import type { z } from 'zod';
import type {
  Catalogue,
  DayOffInputSchema,
  Instructor,
  InstructorInputSchema,
  InstructorPatch,
  PriceUnit,
  Product,
  ProductInputSchema,
  ProductPatch,
  SalesSettings,
  Session,
  SessionInputSchema,
  SessionPatch,
} from '../../shared/contracts/sales';
import type { WithCents } from '../../shared/money';
import { apiRequest } from './http';

export { PRICE_UNITS, PRODUCT_KINDS } from '../../shared/contracts/sales';
export type { Catalogue, Instructor, PriceUnit, SalesSettings, Session };
/** A product as the screens read it: its price is Cents. */
export type CatalogueProduct = WithCents<Product>;
export type ProductKind = z.input<typeof ProductInputSchema>['kind'];
export type ProductBody = z.input<typeof ProductInputSchema>;
export type SessionBody = z.input<typeof SessionInputSchema>;
export type InstructorBody = z.input<typeof InstructorInputSchema>;
export type DayOffBody = z.input<typeof DayOffInputSchema>;

/** Same limits as the server (src/shared/contracts/sales.ts). */
export const PRODUCT_NAME_MAX_LENGTH = 120;
export const MEETING_POINT_MAX_LENGTH = 200;
export const CAPACITY_MAX = 1000;
export const INSTRUCTOR_NAME_MAX_LENGTH = 80;
export const DAY_OFF_REASON_MAX_LENGTH = 200;

const path = (...parts: string[]) => `/api/catalogue/${parts.map(encodeURIComponent).join('/')}`;

/** Products (archived ones too) with their sessions, and the instructors with their days off. */
export async function getCatalogue(signal?: AbortSignal): Promise<{
  products: CatalogueProduct[];
  instructors: Instructor[];
}> {
  return apiRequest<WithCents<Catalogue>>('GET', '/api/catalogue', { signal });
}

export function createProduct(body: ProductBody): Promise<CatalogueProduct> {
  return apiRequest<CatalogueProduct>('POST', path('products'), { body });
}

/** A PATCH: what it leaves out stays as it is (`{ isArchived: true }` archives). */
export function updateProduct(id: string, body: ProductPatch): Promise<CatalogueProduct> {
  return apiRequest<CatalogueProduct>('PATCH', path('products', id), { body });
}

export function createSession(productId: string, body: SessionBody): Promise<Session> {
  return apiRequest<Session>('POST', path('products', productId, 'sessions'), { body });
}

export function updateSession(id: string, body: SessionPatch): Promise<Session> {
  return apiRequest<Session>('PATCH', path('sessions', id), { body });
}

export function createInstructor(body: InstructorBody): Promise<Instructor> {
  return apiRequest<Instructor>('POST', path('instructors'), { body });
}

export function updateInstructor(id: string, body: InstructorPatch): Promise<Instructor> {
  return apiRequest<Instructor>('PATCH', path('instructors', id), { body });
}

export function addDayOff(instructorId: string, body: DayOffBody): Promise<Instructor> {
  return apiRequest<Instructor>('POST', path('instructors', instructorId, 'days-off'), { body });
}

export function removeDayOff(instructorId: string, day: string): Promise<Instructor> {
  return apiRequest<Instructor>('DELETE', path('instructors', instructorId, 'days-off', day));
}

export function getSalesSettings(signal?: AbortSignal): Promise<SalesSettings> {
  return apiRequest<SalesSettings>('GET', '/api/settings/sales', { signal });
}

export function saveSalesSettings(body: SalesSettings): Promise<SalesSettings> {
  return apiRequest<SalesSettings>('PUT', '/api/settings/sales', { body });
}
