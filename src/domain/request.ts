/**
 * A request (a "demande", and once it has services a "dossier") as the use cases see it: read
 * from its row by `toRequest` in `src/db/repositories/request.repository.ts` — booleans as
 * booleans, money as `Cents`, the status as a `Status`, the change marks parsed.
 */
import type { ChangeMarks } from './edit-conflicts.js';
import type { Cents } from './money.js';
import type { Source, Status } from './status.js';

export interface Request {
  id: string;
  schoolId: string;
  number: string;
  source: Source;
  customerId: string;
  language: string;
  categoryId: string | null;
  isOnlinePaymentAllowed: boolean;
  isEnteredInPos: boolean;
  customValidatedAt: string | null;
  offerSentAt: string | null;
  archivedAt: string | null;
  /** Materialised from the facts by the status rule; never set by a use case. */
  status: Status;
  totalCents: Cents;
  paidCents: Cents;
  isToBePriced: boolean;
  lastMessageAt: string;
  createdAt: string;
  updatedAt: string;
  updatedByName: string | null;
  version: number;
  changeMarks: ChangeMarks;
  /** The file's own deposit rule as stored (Paiement → échéancier); null: the school's applies. */
  depositRuleJson: string | null;
}

/** What a use case may change on the request itself (everything else is derived). */
export interface RequestEdit {
  categoryId?: string | null;
  language?: string;
  isOnlinePaymentAllowed?: boolean;
  isEnteredInPos?: boolean;
  customValidatedAt?: string | null;
  offerSentAt?: string | null;
  archivedAt?: string | null;
}

/** The conversation moved on: the file's "last message" as the lists show it. */
export interface LastMessage {
  at: string;
  /** The text, flattened; empty when the message is a keyed text. */
  preview: string;
  key: string | null;
  paramsJson: string | null;
  author: 'customer' | 'staff' | 'system';
}

/** The fields of an edit whose value differs from the request's: an edit to the same value is none. */
export function realEdit(request: Request, edit: RequestEdit): RequestEdit {
  const real: RequestEdit = {};
  for (const key of Object.keys(edit) as (keyof RequestEdit)[]) {
    const value = edit[key];
    if (value !== undefined && value !== request[key]) Object.assign(real, { [key]: value });
  }
  return real;
}

export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}
