import type { DossierTab, Status } from '../api/requests.api';

/** The tabs of Gestion des dossiers in the address bar: /dossiers?onglet=en-cours. */
export const TAB_SLUGS: Record<DossierTab, string> = {
  new: 'nouveaux',
  in_progress: 'en-cours',
  awaiting_payment: 'en-attente-de-paiement',
  deposit_paid: 'acompte-verse',
  paid: 'paiement-solde',
  processed: 'commande-traitee',
  archived: 'archive',
};

export function tabFromSlug(slug: string | null): DossierTab | null {
  const found = Object.entries(TAB_SLUGS).find(([, value]) => value === slug);
  return found ? (found[0] as DossierTab) : null;
}

export function isOneOf<T extends string>(keys: readonly T[], value: string): value is T {
  return (keys as readonly string[]).includes(value);
}

/** "cours_de_glisse" → "Cours de glisse": a readable fallback for a key the app does not know yet. */
export function humanize(key: string): string {
  const text = key.replaceAll('_', ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function fileHref(id: string): string {
  return `/dossiers/${encodeURIComponent(id)}`;
}

/** The list a file sits in: Gestion des demandes, or its tab of Gestion des dossiers. */
export function listHref(status: Status): string {
  return status === 'request' ? '/demandes' : `/dossiers?onglet=${TAB_SLUGS[status]}`;
}

/** Status colours: calm for the waiting ones, green once paid, grey when done. */
export const STATUS_COLORS: Record<Status, string> = {
  request: 'gray',
  new: 'grape',
  in_progress: 'alpine',
  awaiting_payment: 'orange',
  deposit_paid: 'yellow',
  paid: 'teal',
  processed: 'green',
  archived: 'gray',
};

/**
 * "À traiter": the customer spoke last and waits for an answer — never on an archived file, which
 * can no longer be answered (a late e-mail is recorded, the file stays "Archivé").
 */
export function isToHandle(status: Status, isCustomerLast: boolean): boolean {
  return isCustomerLast && status !== 'archived';
}
