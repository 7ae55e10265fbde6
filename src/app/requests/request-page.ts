import { z } from 'zod';
import { loadRequestPageRows, toRequest } from '../../db/repositories/index.js';
import { NOT_FOUND, notFound, type StaffLanguage } from '../../domain/errors.js';
import { isLineToBePriced } from '../../domain/line-pricing.js';
import { STATUSES, type Status } from '../../domain/status.js';
import { journalSentence, readJournalEvent, unreadableJournalSentence } from '../../shared/journal.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { KeyedTextSchema, parseJson, readKeyedText } from './keyed-text.schemas.js';
import { RequestSummarySchema } from './requests.schemas.js';
import { toSummary } from './staff-requests.js';

export const MessageSchema = z.object({
  id: z.string(),
  authorKind: z.enum(['customer', 'staff', 'system']),
  authorName: z.string(),
  /** A customer's words typed in by staff (phone, desk): who noted them. */
  notedByName: z.string().nullable(),
  body: z.string(),
  /** A message Schuss wrote: rendered in the reader's language (body is then empty). */
  bodyKeyed: KeyedTextSchema.nullable(),
  /** What a form submitted, structured per form type (rendered by the staff app). */
  payload: z.unknown().nullable(),
  createdAt: z.string(),
});

export const ActivityItemSchema = z.object({
  id: z.number().int(),
  actorName: z.string(),
  action: z.string(),
  sentence: z.string(),
  createdAt: z.string(),
});

export const LineSchema = z.object({
  id: z.string(),
  kind: z.enum(['catalog', 'custom', 'extra']),
  label: z.string(),
  /** A generated label (a custom lesson): rendered in the reader's language. */
  labelKeyed: KeyedTextSchema.nullable(),
  /** No price yet ("à chiffrer"): its 0 € means "not priced", not "free". */
  isToBePriced: z.boolean(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
  totalCents: z.number().int(),
  isOnlineSale: z.boolean(),
  /** Sold online and acknowledged by the POS software (or "Marquer comme importé"). */
  isPosImported: z.boolean(),
  isOptional: z.boolean(),
  isActive: z.boolean(),
  details: z.unknown(),
});

export const RequestPageSchema = z.object({
  request: RequestSummarySchema,
  categoryName: z.string().nullable(),
  lines: z.array(LineSchema),
  messages: z.array(MessageSchema),
  activity: z.array(ActivityItemSchema),
  otherRequests: z.array(
    z.object({ id: z.string(), number: z.string(), status: z.enum(STATUSES), lastMessageAt: z.string() }),
  ),
});
export type RequestPage = z.infer<typeof RequestPageSchema>;

/**
 * Everything the dossier page shows, in one read: the file, its customer, services, conversation,
 * journal (as sentences in the reader's language) and the customer's other files at this school.
 */
export async function getRequestPage(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  language: StaffLanguage = 'fr',
): Promise<RequestPage> {
  const rows = await loadRequestPageRows(deps.db.kysely, actor.schoolId, id);
  if (!rows) throw notFound(NOT_FOUND.file);
  const { customer, categoryName, lines, messages, activity, others } = rows;
  const request = toRequest(rows.request);
  const customerName = customer ? `${customer.first_name} ${customer.last_name}`.trim() : '';
  return {
    request: toSummary(request, customer!),
    categoryName,
    lines: lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      label: l.label,
      labelKeyed: readKeyedText(l.label_key, l.label_params_json),
      isToBePriced: isLineToBePriced({
        kind: l.kind,
        isActive: l.is_active === 1,
        unitPriceCents: Number(l.unit_price_cents),
      }),
      quantity: l.quantity,
      unitPriceCents: Number(l.unit_price_cents),
      totalCents: Number(l.total_cents),
      isOnlineSale: l.is_online_sale === 1,
      isPosImported: l.pos_imported_at !== null,
      isOptional: l.is_optional === 1,
      isActive: l.is_active === 1,
      details: parseJson(l.details_json) ?? null,
    })),
    messages: messages.map((m) => ({
      id: m.id,
      authorKind: m.author_kind,
      authorName:
        m.author_kind === 'customer'
          ? customerName
          : m.author_kind === 'system'
            ? language === 'fr'
              ? 'Message système'
              : 'System message'
            : (m.author_user_name ?? ''),
      notedByName: m.noted_by_name,
      body: m.body,
      bodyKeyed: readKeyedText(m.body_key, m.body_params_json),
      payload: parseJson(m.payload_json) ?? null,
      createdAt: m.created_at,
    })),
    activity: activity.map((a) => {
      const event = readJournalEvent(a.action, a.details_json);
      return {
        id: Number(a.id),
        actorName: a.actor_name,
        action: a.action,
        sentence: event
          ? journalSentence(a.actor_name, event, language)
          : unreadableJournalSentence(a.actor_name, a.action, language),
        createdAt: a.created_at,
      };
    }),
    otherRequests: others.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status as Status,
      lastMessageAt: o.last_message_at,
    })),
  };
}
