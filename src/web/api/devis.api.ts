import type { z } from 'zod';
import type {
  AddLineSchema,
  Availability,
  Catalogue as CatalogueAnswer,
  Devis as DevisAnswer,
  EditLineSchema,
  ExtendOfferSchema,
  Instructor,
  Participant,
  SalesSettings,
  SendPaymentLinkSchema,
  Session,
  ValidateCustomLessonSchema,
} from '../../shared/contracts/sales';
import type { WithCents } from '../../shared/money';
import { apiRequest } from './http';

export type { Availability, Instructor, Participant, SalesSettings, Session };
/** The answers as the screens read them: every `…Cents` number is Cents. */
export type Devis = WithCents<DevisAnswer>;
export type DevisLine = Devis['lines'][number];
export type Offer = Devis['offers'][number];
export type Catalogue = WithCents<CatalogueAnswer>;
export type Product = Catalogue['products'][number];
export type EditLine = z.input<typeof EditLineSchema>;
export type ValidateCustomLesson = z.input<typeof ValidateCustomLessonSchema>;
export type SendPaymentLink = z.input<typeof SendPaymentLinkSchema>;
export type ExtendOffer = z.input<typeof ExtendOfferSchema>;
export type AddLineBody = z.input<typeof AddLineSchema>;

const enc = encodeURIComponent;
const base = (requestId: string) => `/api/requests/${enc(requestId)}`;

/** The Devis onglet of a file: lines, totals with VAT, offers sent, whether something can be sent. */
export function getDevis(requestId: string, signal?: AbortSignal): Promise<Devis> {
  return apiRequest<Devis>('GET', `${base(requestId)}/devis`, { signal });
}

/** The school's products (with their sessions), extras and instructors. */
export function getCatalogue(signal?: AbortSignal): Promise<Catalogue> {
  return apiRequest<Catalogue>('GET', '/api/catalogue', { signal });
}

/** "Ajouter une prestation": a catalogue lesson, an extra or a custom lesson. */
export function addLine(requestId: string, body: AddLineBody): Promise<Devis> {
  return apiRequest<Devis>('POST', `${base(requestId)}/lines`, { body });
}

export function editLine(requestId: string, lineId: string, body: EditLine): Promise<Devis> {
  return apiRequest<Devis>('PATCH', `${base(requestId)}/lines/${enc(lineId)}`, { body });
}

export function removeLine(requestId: string, lineId: string, version: number): Promise<Devis> {
  return apiRequest<Devis>('DELETE', `${base(requestId)}/lines/${enc(lineId)}?version=${version}`);
}

/** The instructor's days off and validated lessons between two days. */
export function getAvailability(
  requestId: string,
  params: { instructorId: string; from: string; to: string },
  signal?: AbortSignal,
): Promise<Availability> {
  const query = new URLSearchParams(params);
  return apiRequest<Availability>('GET', `${base(requestId)}/availability?${query}`, { signal });
}

/** "ÉDITER" → Valider: the custom lesson as the school will give it. */
export function validateCustomLesson(requestId: string, body: ValidateCustomLesson): Promise<Devis> {
  return apiRequest<Devis>('POST', `${base(requestId)}/custom-lesson`, { body });
}

/** "Envoyer un devis". */
export function sendQuote(requestId: string, version: number): Promise<Devis> {
  return apiRequest<Devis>('POST', `${base(requestId)}/quotes`, { body: { version } });
}

/** "Envoyer un lien de paiement": the balance, the default deposit or a typed amount. */
export function sendPaymentLink(requestId: string, body: SendPaymentLink): Promise<Devis> {
  return apiRequest<Devis>('POST', `${base(requestId)}/payment-links`, { body });
}

/** "Prolonger": a new validity date for an offer. */
export function extendOffer(requestId: string, offerId: string, body: ExtendOffer): Promise<Devis> {
  return apiRequest<Devis>('POST', `${base(requestId)}/offers/${enc(offerId)}/extend`, { body });
}

/** The quote as sent, as a PDF (opened in a new tab). */
export function offerPdfHref(requestId: string, offerId: string): string {
  return `${base(requestId)}/offers/${enc(offerId)}/pdf`;
}

/** Paramètres → Devis et paiements (the default deposit, the validity of quotes…). */
export function getSalesSettings(signal?: AbortSignal): Promise<SalesSettings> {
  return apiRequest<SalesSettings>('GET', '/api/settings/sales', { signal });
}
