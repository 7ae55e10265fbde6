import type { ApiError } from '../../api/http';
import type { RequestSummary } from '../../api/requests.api';

export type EditResult =
  | { ok: true }
  /** `isStale`: someone changed the file first; the page already says so and reloaded. */
  | { ok: false; isStale: boolean; error: ApiError | null };

/**
 * Runs one edit of the file with its version; stale edits are handled once, by the page.
 * `isChoice`: a pick from a list (nothing typed to keep), said so when it is refused.
 */
export type RunEdit = (
  action: () => Promise<RequestSummary | undefined>,
  options?: { isChoice?: boolean },
) => Promise<EditResult>;
