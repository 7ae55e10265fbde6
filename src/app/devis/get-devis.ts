import {
  type Db,
  findRequest,
  findSchoolSalesContext,
  type LineFacts,
  type LineRow,
  listActivityOfRequest,
  loadLineFacts,
} from '../../db/repositories/index.js';
import { NOT_FOUND, notFound, type StaffLanguage } from '../../domain/errors.js';
import { isLineToBePriced } from '../../domain/line-pricing.js';
import { cents } from '../../domain/money.js';
import type { Request } from '../../domain/request.js';
import { dayIn } from '../../domain/time-zone.js';
import { amountDueOf, totalsOf } from '../../domain/totals.js';
import type { Devis, DevisLine, Offer } from '../../shared/contracts/sales.js';
import { readJournalEvent } from '../../shared/journal.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { DURATION_LABELS_FR, PRACTICE_LABELS_FR } from '../intake/intake.vocabulary.js';
import { loadOffers } from '../offers/offers-view.js';
import { fileDepositCentsOf } from '../payments/balance-schedule.js';
import { type KeyedText, readKeyedText } from '../requests/keyed-text.schemas.js';
import { readLineDetails, scheduleOf } from './line-details.schemas.js';

/** The words of generated labels; French as the search index has them. */
const PRACTICES: Record<StaffLanguage, Record<string, string>> = {
  fr: PRACTICE_LABELS_FR,
  en: {
    ski_alpin: 'Alpine skiing',
    snowboard: 'Snowboard',
    telemark: 'Telemark',
    ski_de_fond: 'Cross-country skiing',
    ski_de_randonnee: 'Ski touring',
  },
};

const DURATIONS: Record<StaffLanguage, Record<string, string>> = {
  fr: DURATION_LABELS_FR,
  en: { ...DURATION_LABELS_FR, half_day: 'half day', full_day: 'full day' },
};

/**
 * A generated label in the reader's language, as the dossier page renders it in the staff app; a
 * custom lesson is named with the school's own word for it ("esf sur mesure").
 */
export function renderGeneratedLabel(
  text: KeyedText,
  language: StaffLanguage,
  customLessonLabel: string,
): string {
  switch (text.key) {
    case 'line.custom_lesson': {
      const p = text.params;
      const practice = PRACTICES[language][p.practice] ?? p.practice;
      const duration = DURATIONS[language][p.duration] ?? p.duration;
      const times = p.sessions > 1 ? `${p.sessions} × ` : '';
      return `${customLessonLabel} — ${practice} — ${times}${duration}`;
    }
    case 'message.created_from_sale':
      return language === 'fr' ? 'Dossier créé depuis la vente' : 'File created from the online sale';
    case 'message.vel_summary':
      return text.params.productType;
    default: {
      const never: never = text;
      return never;
    }
  }
}

/** A line's label as the reader sees it: the school's words, or its generated label rendered. */
export function lineLabel(row: LineRow, language: StaffLanguage, customLessonLabel: string): string {
  const keyed = readKeyedText(row.label_key, row.label_params_json);
  return keyed ? renderGeneratedLabel(keyed, language, customLessonLabel) : row.label;
}

function toDevisLine(
  row: LineRow,
  isLocked: boolean,
  language: StaffLanguage,
  customLessonLabel: string,
): DevisLine {
  const details = readLineDetails(row.details_json);
  const unitPriceCents = cents(Number(row.unit_price_cents));
  const isActive = Number(row.is_active) === 1;
  return {
    id: row.id,
    kind: row.kind,
    productId: row.product_id,
    sessionId: row.session_id,
    instructorId: row.instructor_id,
    label: lineLabel(row, language, customLessonLabel),
    quantity: Number(row.quantity),
    unitPriceCents,
    totalCents: cents(Number(row.total_cents)),
    vatRateBp: Number(row.vat_rate_bp),
    isOnlineSale: Number(row.is_online_sale) === 1,
    isOptional: Number(row.is_optional) === 1,
    isActive,
    isToBePriced: isLineToBePriced({ kind: row.kind, isActive, unitPriceCents }),
    participants: details.participants,
    schedule: row.kind === 'custom' ? scheduleOf(details) : null,
    isLocked,
  };
}

/**
 * The Devis onglet of a file, read in `db` (the action's transaction after a change): its lines
 * (locked once something is paid), the totals with the VAT per rate, the school's default
 * deposit, the quotes and payment links sent, and whether one can be sent now. `now` is the
 * action's instant: "today" is taken in the school's time zone. `beside`: the lines and payments
 * as the action's transaction already read them after its last write (not read again).
 */
export async function devisOf(
  db: Db,
  request: Request,
  language: StaffLanguage,
  now: string,
  beside?: LineFacts,
): Promise<Devis> {
  const target = { schoolId: request.schoolId, requestId: request.id };
  const [{ settings, timeZone }, facts] = await Promise.all([
    findSchoolSalesContext(db, request.schoolId),
    beside ?? loadLineFacts(db, request.schoolId, request.id),
  ]);
  const rows = facts.rows;
  const offers =
    request.archivedAt === null
      ? await loadOffers(db, target, dayIn(now, timeZone), settings.reminderDaysBeforeExpiry)
      : await archivedOffersOf(db, request);
  const isLocked = facts.paidCents > 0;
  const lines = rows.map((row) => toDevisLine(row, isLocked, language, settings.customLessonLabel));
  const totals = totalsOf(
    lines.map((l) => ({ isActive: l.isActive, totalCents: cents(l.totalCents), vatRateBp: l.vatRateBp })),
  );
  const paidCents = facts.paidCents;
  return {
    requestId: request.id,
    version: request.version,
    lines,
    totals: {
      ...totals,
      paidCents,
      dueCents: amountDueOf(totals.totalCents, paidCents),
      defaultDepositCents: fileDepositCentsOf(
        { depositRuleJson: request.depositRuleJson, totalCents: totals.totalCents, paidCents },
        settings,
      ),
    },
    offers,
    canSend: lines.some((l) => l.isActive) && totals.totalCents > 0 && request.archivedAt === null,
    customLessonLabel: settings.customLessonLabel,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What was sent on an archived file: the archive erased the quotes and payment links (their
 * snapshots, from which the PDFs are printed), the journal keeps one sentence per sending — its
 * number, its amount, who and when. Listed from there (no PDF any more, nothing to pay or
 * extend), versions counted per kind as they were sent, the last of each kind current.
 */
async function archivedOffersOf(db: Db, request: Request): Promise<Offer[]> {
  const entries = await listActivityOfRequest(db, request.schoolId, request.id);
  const versions = { quote: 0, payment_link: 0 };
  const offers: Offer[] = [];
  for (const entry of [...entries].sort((a, b) => Number(a.id) - Number(b.id))) {
    const event = readJournalEvent(entry.action, entry.details_json);
    if (event?.action !== 'offer.quote_sent' && event?.action !== 'offer.payment_link_sent') continue;
    const kind = event.action === 'offer.quote_sent' ? 'quote' : 'payment_link';
    versions[kind] += 1;
    const validUntil = DAY.test(event.details.validUntil) ? event.details.validUntil : null;
    offers.push({
      id: `journal-${entry.id}`,
      kind,
      number: event.details.number,
      version: versions[kind],
      totalCents: 'totalCents' in event.details ? cents(event.details.totalCents) : request.totalCents,
      amountCents: 'amountCents' in event.details ? cents(event.details.amountCents) : null,
      validUntil,
      isExpired: false,
      isExpiringSoon: false,
      sentAt: entry.created_at,
      sentByName: entry.actor_name,
      isCurrent: false,
    });
  }
  for (const kind of ['quote', 'payment_link'] as const) {
    const last = offers.findLast((o) => o.kind === kind);
    if (last) last.isCurrent = true;
  }
  return offers;
}

/** The Devis onglet of one file of the actor's school; another school's file is not found. */
export async function getDevis(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  language: StaffLanguage,
): Promise<Devis> {
  const db = deps.db.kysely;
  const request = await findRequest(db, actor.schoolId, requestId);
  if (!request) throw notFound(NOT_FOUND.file);
  return devisOf(db, request, language, deps.clock.now().toISOString());
}
