import { z } from 'zod';
import {
  findRequestIdsByEmailPrefix,
  findRequestIdsByNumber,
  type ListRow,
  loadTabCounts,
  readSalesSettings,
  searchRequestIds,
  selectListRows,
} from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { formatRequestNumber } from '../../domain/numbering.js';
import { searchTerms } from '../../domain/search-text.js';
import { STATUSES, type Status } from '../../domain/status.js';
import { dayIn } from '../../domain/time-zone.js';
import type { StaffActor } from '../actor.js';
import { normalizeEmail } from '../common.schemas.js';
import type { AppDeps } from '../deps.js';
import { loadOfferSchool } from '../offers/offer-school.js';
import { isExpiringSoon } from '../offers/offers-view.js';
import { isBalanceOverdue } from '../payments/balance-schedule.js';
import {
  KeyedTextSchema,
  readKeyedText,
  readServiceLabels,
  ServiceLabelSchema,
} from './keyed-text.schemas.js';
import { REQUEST_MESSAGES } from './requests.messages.js';

export const ListQuerySchema = z.object({
  /** 'request' = Gestion des demandes; the others are the 7 tabs of Gestion des dossiers. */
  tab: z.enum(STATUSES).default('request'),
  source: z.enum(['vel', 'contact', 'custom', 'email', 'staff']).optional(),
  categoryId: z.string().max(64).optional(),
  /** Only files whose last message is the customer's ("à traiter"). */
  toHandle: z.enum(['true', 'false']).optional(),
  /** Only files whose balance is overdue ("solde en retard"). */
  balanceOverdue: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const ListItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(STATUSES),
  source: z.enum(['vel', 'contact', 'custom', 'email', 'staff']),
  customerName: z.string(),
  customerEmail: z.string(),
  language: z.string(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string(),
  /** The last message when Schuss wrote it (a form summary…): rendered in the reader's language. */
  lastMessageKeyed: KeyedTextSchema.nullable(),
  isToHandle: z.boolean(),
  totalCents: z.number().int(),
  paidCents: z.number().int(),
  /** A custom lesson has no price yet: the total is "à chiffrer", not 0 €. */
  isToBePriced: z.boolean(),
  services: z.array(ServiceLabelSchema),
  /** The current quote's or payment link's last valid day, and "expire bientôt" (the school's day). */
  offerValidUntil: z.string().nullable(),
  isOfferExpiringSoon: z.boolean(),
  /** "Solde en retard": a deposit paid and the balance's due day past (the school's day). */
  isBalanceOverdue: z.boolean(),
});
export type ListItem = z.infer<typeof ListItemSchema>;

export const CountsSchema = z.record(z.enum(STATUSES), z.number().int());

export const ListResponseSchema = z.object({
  items: z.array(ListItemSchema),
  nextCursor: z.string().nullable(),
  counts: CountsSchema,
});

function encodeCursor(item: { lastMessageAt: string; id: string }): string {
  return Buffer.from(`${item.lastMessageAt}|${item.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) {
    throw new AppError('VALIDATION', REQUEST_MESSAGES.badCursor, {
      fields: { cursor: REQUEST_MESSAGES.badCursorField },
    });
  }
  return { at, id };
}

function toItems(rows: ListRow[], offers: OfferDay): ListItem[] {
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status as Status,
    source: r.source,
    customerName: r.customer_name,
    customerEmail: r.customer_email,
    language: r.language,
    categoryId: r.category_id,
    categoryName: r.category_name,
    lastMessageAt: r.last_message_at,
    lastMessagePreview: r.last_message_preview,
    lastMessageKeyed: readKeyedText(r.last_message_key, r.last_message_params_json),
    isToHandle: r.last_message_author === 'customer',
    totalCents: Number(r.total_cents),
    paidCents: Number(r.paid_cents),
    isToBePriced: Number(r.is_to_be_priced) === 1,
    services: readServiceLabels(r.services_json),
    offerValidUntil: r.offer_valid_until,
    isOfferExpiringSoon: isExpiringSoon(r.offer_valid_until, offers.today, offers.reminderDays),
    isBalanceOverdue: isBalanceOverdue({ status: r.status, balanceDueOn: r.balance_due_on }, offers.today),
  }));
}

/** What a staff read knows of the actor's school from the session: no query for it. */
export interface SessionSchool {
  timeZone: string;
  settingsJson: string;
}

/**
 * A page of "Gestion des demandes" (tab 'request') or of one of the 7 dossier tabs, newest
 * activity first, with keyset pagination (as fast on page 1000 as on page 1) and the tab counts.
 * `school`: the school as the session read it (its day and reminder days are then not read again).
 */
export async function listRequests(
  deps: AppDeps,
  actor: StaffActor,
  query: ListQuery,
  school?: SessionSchool,
) {
  const db = deps.db.kysely;
  // The school's today, from the session's school; otherwise read — before the query for the
  // overdue filter, which needs it, else beside it.
  const known = school ? offerDayIn(deps, school) : null;
  const isOverdueOnly = query.balanceOverdue === 'true';
  const day = known ?? (isOverdueOnly ? await offerDayOf(deps, actor.schoolId) : null);
  const [rows, counts, offers] = await Promise.all([
    selectListRows(db, actor.schoolId, {
      status: query.tab,
      source: query.source,
      categoryId: query.categoryId,
      isToHandle: query.toHandle === 'true',
      balanceDueBefore: isOverdueOnly ? day?.today : undefined,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    }),
    loadTabCounts(db, actor.schoolId),
    day ?? offerDayOf(deps, actor.schoolId),
  ]);
  const page = rows.slice(0, query.limit);
  const items = toItems(page, offers);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null, counts };
}

/**
 * Search over customer name, e-mail, phone, file number and message words, accents ignored;
 * every word must match (as a prefix). Results are the school's only.
 */
export async function searchRequests(
  deps: AppDeps,
  actor: StaffActor,
  query: string,
  limit = 20,
): Promise<ListItem[]> {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const db = deps.db.kysely;
  // A file number ("2026-00042", "2026 42") is looked up directly: every file shares its year.
  const number = /^\s*(\d{4})[\s-]+(\d{1,6})\s*$/.exec(query);
  const byNumber = number
    ? await findRequestIdsByNumber(
        db,
        actor.schoolId,
        formatRequestNumber(Number(number[1]), Number(number[2]) || 1),
      )
    : [];
  // An e-mail address (or its start, "laura.martinez@") goes straight to the customers' index.
  const email = query.includes('@') ? normalizeEmail(query).replace(/[%_\\]/g, '') : null;
  const byEmail = email ? await findRequestIdsByEmailPrefix(db, actor.schoolId, email, limit) : [];
  const direct = byNumber.length > 0 ? byNumber : byEmail;
  const ids = direct.length > 0 ? direct : await searchRequestIds(db, actor.schoolId, terms, limit);
  if (ids.length === 0) return [];
  const rows = await selectListRows(db, actor.schoolId, { ids, limit: ids.length });
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return toItems(rows, await offerDayOf(deps, actor.schoolId));
}

type OfferDay = { today: string; reminderDays: number };

/** Parsed sales settings by their stored text: the same few schools' settings, parsed once each. */
const salesByJson = new Map<string, ReturnType<typeof readSalesSettings>>();

function offerDayIn(deps: AppDeps, school: SessionSchool): OfferDay {
  let sales = salesByJson.get(school.settingsJson);
  if (!sales) {
    if (salesByJson.size >= 256) salesByJson.clear();
    sales = readSalesSettings(school.settingsJson);
    salesByJson.set(school.settingsJson, sales);
  }
  return { today: dayIn(deps.clock.now(), school.timeZone), reminderDays: sales.reminderDaysBeforeExpiry };
}

async function offerDayOf(deps: AppDeps, schoolId: string): Promise<OfferDay> {
  const school = await loadOfferSchool(deps.db.kysely, schoolId);
  return {
    today: dayIn(deps.clock.now(), school.timeZone),
    reminderDays: school.sales.reminderDaysBeforeExpiry,
  };
}
