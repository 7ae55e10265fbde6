/**
 * The activity journal ("Journal d'activité"): every action Schuss journals, as a typed union.
 * Each action has the Zod schema of its details (checked when a stored entry is read back) and
 * its sentence in French and English ("Marie Dupont a changé la catégorie en « Groupes »").
 *
 * A new action is one entry in `JOURNAL_ACTIONS`: the type checker then requires its sentence in
 * both languages, and `journal()` in `src/app/tx.ts` accepts exactly its details.
 */
import { z } from 'zod';
import type { StaffLanguage } from '../domain/errors.js';
import { deName } from '../domain/french-elision.js';
import { cents, formatMoney } from '../domain/money.js';
import { SOURCES } from '../domain/status.js';

type Sentence<D> = (who: string, details: D) => string;

interface ActionDefinition<S extends z.ZodType> {
  details: S;
  fr: Sentence<z.infer<S>>;
  en: Sentence<z.infer<S>>;
  /** Details as a real entry has them: the sentence test renders every action from these. */
  example: z.infer<S>;
}

function action<S extends z.ZodType>(definition: ActionDefinition<S>): ActionDefinition<S> {
  return definition;
}

const LANGUAGE_NAMES: Record<StaffLanguage, Record<string, string>> = {
  fr: { fr: 'français', en: 'anglais', de: 'allemand', it: 'italien', es: 'espagnol', nl: 'néerlandais' },
  en: { fr: 'French', en: 'English', de: 'German', it: 'Italian', es: 'Spanish', nl: 'Dutch' },
};

const SOURCE_NAMES: Record<StaffLanguage, Record<string, string>> = {
  fr: {
    vel: 'le formulaire VEL',
    contact: 'le formulaire de contact',
    custom: 'le formulaire sur mesure',
    email: 'un e-mail',
    staff: 'le téléphone ou le guichet',
  },
  en: {
    vel: 'the online-sale form',
    contact: 'the contact form',
    custom: 'the custom-lesson form',
    email: 'an e-mail',
    staff: 'the phone or the desk',
  },
};

const FORM_NAMES: Record<StaffLanguage, Record<'vel' | 'contact' | 'custom', string>> = {
  fr: { vel: 'VEL', contact: 'contact', custom: 'sur mesure' },
  en: { vel: 'online sale', contact: 'contact', custom: 'custom lesson' },
};

function openForms(d: { vel: boolean; contact: boolean; custom: boolean }, language: StaffLanguage): string {
  const names = (['vel', 'contact', 'custom'] as const)
    .filter((f) => d[f])
    .map((f) => FORM_NAMES[language][f]);
  if (names.length === 0) return language === 'fr' ? 'aucun formulaire ouvert' : 'no form open';
  return language === 'fr' ? `ouverts : ${names.join(', ')}` : `open: ${names.join(', ')}`;
}

export const JOURNAL_ACTIONS = {
  'request.created': action({
    details: z.object({ number: z.string(), source: z.enum(SOURCES) }),
    // Staff note down a request the customer made by phone or at the desk.
    fr: (who, d) =>
      d.source === 'staff'
        ? `${who} a noté la demande ${d.number} (téléphone / guichet)`
        : `${who} a créé la demande ${d.number} depuis ${SOURCE_NAMES.fr[d.source]}`,
    en: (who, d) =>
      d.source === 'staff'
        ? `${who} noted request ${d.number} (phone / desk)`
        : `${who} created request ${d.number} from ${SOURCE_NAMES.en[d.source]}`,
    example: { number: '2026-00012', source: 'vel' },
  }),
  'request.category_changed': action({
    details: z.object({ category: z.string().nullable() }),
    fr: (who, d) =>
      d.category ? `${who} a changé la catégorie en « ${d.category} »` : `${who} a retiré la catégorie`,
    en: (who, d) =>
      d.category ? `${who} changed the category to “${d.category}”` : `${who} removed the category`,
    example: { category: 'Groupes' },
  }),
  'request.language_changed': action({
    details: z.object({ language: z.string() }),
    fr: (who, d) => `${who} a changé la langue du client en ${LANGUAGE_NAMES.fr[d.language] ?? d.language}`,
    en: (who, d) =>
      `${who} changed the customer’s language to ${LANGUAGE_NAMES.en[d.language] ?? d.language}`,
    example: { language: 'de' },
  }),
  'request.comment_changed': action({
    details: z.object({}),
    fr: (who) => `${who} a modifié le commentaire client`,
    en: (who) => `${who} edited the customer comment`,
    example: {},
  }),
  'request.customer_changed': action({
    details: z.object({ fields: z.array(z.string()) }),
    fr: (who) => `${who} a modifié les coordonnées du client`,
    en: (who) => `${who} edited the customer’s contact details`,
    example: { fields: ['phone'] },
  }),
  'message.sent': action({
    details: z.object({ messageId: z.string() }),
    fr: (who) => `${who} a répondu au client`,
    en: (who) => `${who} replied to the customer`,
    example: { messageId: 'message_1' },
  }),
  'message.received': action({
    details: z.object({ messageId: z.string().optional() }),
    fr: (who) => `${who} a envoyé un message`,
    en: (who) => `${who} sent a message`,
    example: { messageId: 'message_2' },
  }),
  'staff.logged_in': action({
    details: z.object({ ip: z.string().optional() }),
    fr: (who) => `${who} s’est connecté(e)`,
    en: (who) => `${who} logged in`,
    example: { ip: '203.0.113.7' },
  }),
  'staff.created': action({
    details: z.object({ userId: z.string(), name: z.string(), role: z.string() }),
    fr: (who, d) => `${who} a créé le compte ${deName(d.name)}`,
    en: (who, d) => `${who} created ${d.name}’s account`,
    example: { userId: 'user_1', name: 'Élodie Marchand', role: 'secretary' },
  }),
  'staff.updated': action({
    details: z.object({
      userId: z.string(),
      name: z.string(),
      changes: z.record(z.string(), z.unknown()).optional(),
      passwordChanged: z.boolean().optional(),
    }),
    fr: (who, d) => `${who} a modifié le compte ${deName(d.name)}`,
    en: (who, d) => `${who} edited ${d.name}’s account`,
    example: { userId: 'user_1', name: 'Hugo Bernard', changes: { role: 'admin' }, passwordChanged: false },
  }),
  'school.created': action({
    details: z.object({ slug: z.string(), name: z.string() }),
    fr: (who, d) => `${who} a créé l’école ${d.name}`,
    en: (who, d) => `${who} created the school ${d.name}`,
    example: { slug: 'esf-demo', name: 'École de ski démo' },
  }),
  'category.created': action({
    details: z.object({ name: z.string() }),
    fr: (who, d) => `${who} a créé la catégorie « ${d.name} »`,
    en: (who, d) => `${who} created the category “${d.name}”`,
    example: { name: 'Groupes' },
  }),
  'category.updated': action({
    details: z.object({ name: z.string() }),
    fr: (who, d) => `${who} a modifié la catégorie « ${d.name} »`,
    en: (who, d) => `${who} edited the category “${d.name}”`,
    example: { name: 'Groupes' },
  }),
  'settings.forms_changed': action({
    details: z.object({
      vel: z.boolean(),
      contact: z.boolean(),
      custom: z.boolean(),
      embedOrigins: z.array(z.string()).optional(),
    }),
    fr: (who, d) => `${who} a modifié les réglages des formulaires (${openForms(d, 'fr')})`,
    en: (who, d) => `${who} changed the form settings (${openForms(d, 'en')})`,
    example: { vel: true, contact: true, custom: false, embedOrigins: [] },
  }),
  'settings.intake_key_created': action({
    details: z.object({}),
    fr: (who) => `${who} a créé une nouvelle clé d’intégration des formulaires`,
    en: (who) => `${who} created a new form integration key`,
    example: {},
  }),
  // ── Quotes, payment links and the private link (issue 9, offers) ──
  'offer.quote_sent': action({
    details: z.object({ number: z.string(), totalCents: z.number().int(), validUntil: z.string() }),
    fr: (who, d) =>
      `${who} a envoyé le devis ${d.number} (${euros(d.totalCents, 'fr')}, valable jusqu’au ${frDay(d.validUntil)})`,
    en: (who, d) =>
      `${who} sent quote ${d.number} (${euros(d.totalCents, 'en')}, valid until ${d.validUntil})`,
    example: { number: 'DEV-2026-0001', totalCents: 48_000, validUntil: '2026-12-16' },
  }),
  'offer.payment_link_sent': action({
    details: z.object({ number: z.string(), amountCents: z.number().int(), validUntil: z.string() }),
    fr: (who, d) => `${who} a envoyé le lien de paiement ${d.number} (${euros(d.amountCents, 'fr')})`,
    en: (who, d) => `${who} sent payment link ${d.number} (${euros(d.amountCents, 'en')})`,
    example: { number: 'LP-2026-0001', amountCents: 14_400, validUntil: '2026-12-16' },
  }),
  'offer.extended': action({
    details: z.object({ number: z.string(), validUntil: z.string() }),
    fr: (who, d) => `${who} a prolongé ${d.number} jusqu’au ${frDay(d.validUntil)}`,
    en: (who, d) => `${who} extended ${d.number} until ${d.validUntil}`,
    example: { number: 'DEV-2026-0001', validUntil: '2026-12-31' },
  }),
  'offer.reminder_sent': action({
    details: z.object({ number: z.string(), validUntil: z.string() }),
    fr: (who, d) => `${who} a envoyé le rappel : ${d.number} expire le ${frDay(d.validUntil)}`,
    en: (who, d) => `${who} sent the reminder: ${d.number} expires on ${d.validUntil}`,
    example: { number: 'DEV-2026-0001', validUntil: '2026-12-16' },
  }),
  'portal.link_reissued': action({
    details: z.object({}),
    fr: (who) => `${who} a révoqué le lien privé du client et en a émis un nouveau`,
    en: (who) => `${who} revoked the customer’s private link and issued a new one`,
    example: {},
  }),
} as const;

function euros(amount: number, language: StaffLanguage): string {
  return formatMoney(cents(amount), language === 'fr' ? 'fr-FR' : 'en-GB');
}

/** "2026-12-16" → "16/12/2026". */
function frDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

export type JournalAction = keyof typeof JOURNAL_ACTIONS;

/** One journaled event: the action and exactly its details. */
export type JournalEvent = {
  [A in JournalAction]: { action: A; details: z.infer<(typeof JOURNAL_ACTIONS)[A]['details']> };
}[JournalAction];

export const JOURNAL_ACTION_NAMES = Object.keys(JOURNAL_ACTIONS) as JournalAction[];

function isJournalAction(value: string): value is JournalAction {
  return Object.hasOwn(JOURNAL_ACTIONS, value);
}

/**
 * An entry read back from the database: its details checked against the action's schema. An
 * action this version does not know, or details it cannot read (written by an older or newer
 * version), become `null`: the journal shows them in neutral words instead of guessing.
 */
export function readJournalEvent(action: string, detailsJson: string): JournalEvent | null {
  if (!isJournalAction(action)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(detailsJson);
  } catch {
    return null;
  }
  const parsed = JOURNAL_ACTIONS[action].details.safeParse(raw);
  return parsed.success ? ({ action, details: parsed.data } as JournalEvent) : null;
}

/** The sentence of an event, in the reader's staff language. */
export function journalSentence(who: string, event: JournalEvent, language: StaffLanguage): string {
  const definition = JOURNAL_ACTIONS[event.action] as ActionDefinition<z.ZodType>;
  return definition[language](who, event.details);
}

/** What the journal says of an entry it cannot read: who, and the action's code. */
export function unreadableJournalSentence(who: string, action: string, language: StaffLanguage): string {
  return language === 'fr' ? `${who} : action « ${action} »` : `${who}: action “${action}”`;
}
