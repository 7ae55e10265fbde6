import type {
  ArchivedFile,
  ArchiveJobView,
  CurrentArchiveJob,
  SeasonArchiveInput,
} from '../../shared/contracts/archive';
import type { GdprErasure } from '../../shared/contracts/gdpr';
import type { CreatedPosKey, FileStatus, PosKeysView, PosKeyView } from '../../shared/contracts/pos';
import { apiRequest } from './http';

export type { ArchiveJobView, CreatedPosKey, FileStatus, GdprErasure, PosKeysView, PosKeyView };

const enc = encodeURIComponent;

/** "Export pour le logiciel": a plain link (the browser downloads the CSV with the session cookie). */
export const POS_EXPORT_HREF = '/api/pos/export.csv';
/** What the POS software calls with its key, and the API's OpenAPI document (shown beside the keys). */
export const POS_API_ORDERS = '/api/pos/v1/orders?state=ready';
export const POS_API_DOCS = '/api/pos/v1/openapi.json';

// ── Paramètres → Logiciel de caisse ──

export function getPosKeys(signal?: AbortSignal): Promise<PosKeysView> {
  return apiRequest<PosKeysView>('GET', '/api/settings/pos-keys', { signal });
}

export function createPosKey(name: string): Promise<CreatedPosKey> {
  return apiRequest<CreatedPosKey>('POST', '/api/settings/pos-keys', { body: { name } });
}

export function revokePosKey(id: string): Promise<PosKeyView> {
  return apiRequest<PosKeyView>('DELETE', `/api/settings/pos-keys/${enc(id)}`);
}

// ── The dossier's header ──

export function setEnteredInPos(
  requestId: string,
  version: number,
  isEnteredInPos: boolean,
): Promise<FileStatus> {
  return apiRequest<FileStatus>('PUT', `/api/requests/${enc(requestId)}/entered-in-pos`, {
    body: { version, isEnteredInPos },
  });
}

export function markPosImported(requestId: string, version: number): Promise<FileStatus> {
  return apiRequest<FileStatus>('POST', `/api/requests/${enc(requestId)}/pos-import`, { body: { version } });
}

export function archiveFile(requestId: string, version: number): Promise<ArchivedFile> {
  return apiRequest<ArchivedFile>('POST', `/api/requests/${enc(requestId)}/archive`, { body: { version } });
}

// ── "Archiver la saison" ──

export async function getSeasonArchive(signal?: AbortSignal): Promise<ArchiveJobView | null> {
  const { job } = await apiRequest<CurrentArchiveJob>('GET', '/api/archive/season', { signal });
  return job;
}

export function startSeasonArchive(input: SeasonArchiveInput): Promise<ArchiveJobView> {
  return apiRequest<ArchiveJobView>('POST', '/api/archive/season', { body: input });
}

export function runSeasonArchive(jobId: string, batch = 10): Promise<ArchiveJobView> {
  return apiRequest<ArchiveJobView>('POST', `/api/archive/season/${enc(jobId)}/run`, { body: { batch } });
}

// ── The customer's data rights (GDPR articles 15 and 17), admin ──

/** The export: a plain link, the server answers a JSON attachment. */
export const gdprExportHref = (customerId: string) => `/api/customers/${enc(customerId)}/gdpr-export`;

export function eraseCustomerData(customerId: string, email: string): Promise<GdprErasure> {
  return apiRequest<GdprErasure>('POST', `/api/customers/${enc(customerId)}/gdpr-erase`, {
    body: { confirmEmail: email },
  });
}
