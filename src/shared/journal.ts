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
import { formatCalendarDate } from '../domain/time-zone.js';

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

/** A catalogue session as its journal entries name it. */
const SESSION_DETAILS = z.object({
  productId: z.string(),
  productName: z.string(),
  sessionId: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});

/** A line of the Devis onglet as the journal names it: its label, and its participants if it has some. */
const lineDetails = z.object({
  lineId: z.string(),
  label: z.string(),
  participants: z.number().int().nullable(),
});

function lineText(d: z.infer<typeof lineDetails>): string {
  if (!d.participants) return d.label;
  return `${d.label} — ${d.participants} participant${d.participants > 1 ? 's' : ''}`;
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
      `${who} a envoyé le devis ${d.number} (${euros(d.totalCents, 'fr')}, valable jusqu’au ${formatCalendarDate(d.validUntil)})`,
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
    fr: (who, d) => `${who} a prolongé ${d.number} jusqu’au ${formatCalendarDate(d.validUntil)}`,
    en: (who, d) => `${who} extended ${d.number} until ${d.validUntil}`,
    example: { number: 'DEV-2026-0001', validUntil: '2026-12-31' },
  }),
  'offer.reminder_sent': action({
    details: z.object({ number: z.string(), validUntil: z.string() }),
    fr: (who, d) => `${who} a envoyé le rappel : ${d.number} expire le ${formatCalendarDate(d.validUntil)}`,
    en: (who, d) => `${who} sent the reminder: ${d.number} expires on ${d.validUntil}`,
    example: { number: 'DEV-2026-0001', validUntil: '2026-12-16' },
  }),
  'portal.link_reissued': action({
    details: z.object({}),
    fr: (who) => `${who} a révoqué le lien privé du client et en a émis un nouveau`,
    en: (who) => `${who} revoked the customer’s private link and issued a new one`,
    example: {},
  }),

  // ── Catalogue, instructors and sales settings (Paramètres → Catalogue / Moniteurs / Devis et paiements) ──
  'catalogue.product_created': action({
    details: z.object({ productId: z.string(), name: z.string(), kind: z.string() }),
    fr: (who, d) => `${who} a ajouté « ${d.name} » au catalogue`,
    en: (who, d) => `${who} added “${d.name}” to the catalogue`,
    example: { productId: 'prd_1', name: 'Cours collectif enfants — Ourson', kind: 'cours_collectif' },
  }),
  'catalogue.product_updated': action({
    details: z.object({ productId: z.string(), name: z.string(), changes: z.array(z.string()) }),
    fr: (who, d) => `${who} a modifié « ${d.name} » dans le catalogue (${changedFields(d.changes, 'fr')})`,
    en: (who, d) => `${who} changed “${d.name}” in the catalogue (${changedFields(d.changes, 'en')})`,
    example: { productId: 'prd_1', name: 'Cours collectif adultes', changes: ['priceCents', 'levels'] },
  }),
  'catalogue.product_archived': action({
    details: z.object({ productId: z.string(), name: z.string(), isArchived: z.boolean() }),
    fr: (who, d) =>
      d.isArchived
        ? `${who} a archivé « ${d.name} » : il n’est plus proposé`
        : `${who} a remis « ${d.name} » au catalogue`,
    en: (who, d) =>
      d.isArchived
        ? `${who} archived “${d.name}”: it is no longer offered`
        : `${who} put “${d.name}” back in the catalogue`,
    example: { productId: 'prd_1', name: 'Club enfants Piou-Piou', isArchived: true },
  }),
  'catalogue.session_added': action({
    details: SESSION_DETAILS,
    fr: (who, d) =>
      `${who} a ajouté une session à « ${d.productName} » (du ${formatCalendarDate(d.startsOn)} au ${formatCalendarDate(d.endsOn)})`,
    en: (who, d) => `${who} added a session to “${d.productName}” (${d.startsOn} to ${d.endsOn})`,
    example: {
      productId: 'prd_1',
      productName: 'Cours collectif enfants — Ourson',
      sessionId: 'pss_1',
      startsOn: '2026-12-20',
      endsOn: '2026-12-25',
    },
  }),
  'catalogue.session_updated': action({
    details: SESSION_DETAILS.extend({ changes: z.array(z.string()) }),
    fr: (who, d) =>
      `${who} a modifié la session du ${formatCalendarDate(d.startsOn)} au ${formatCalendarDate(d.endsOn)} de « ${d.productName} » (${changedFields(d.changes, 'fr')})`,
    en: (who, d) =>
      `${who} changed the ${d.startsOn} to ${d.endsOn} session of “${d.productName}” (${changedFields(d.changes, 'en')})`,
    example: {
      productId: 'prd_1',
      productName: 'Cours collectif enfants — Ourson',
      sessionId: 'pss_1',
      startsOn: '2026-12-20',
      endsOn: '2026-12-25',
      changes: ['capacity'],
    },
  }),
  'catalogue.instructor_created': action({
    details: z.object({ instructorId: z.string(), name: z.string() }),
    fr: (who, d) => `${who} a ajouté le moniteur ${d.name}`,
    en: (who, d) => `${who} added the instructor ${d.name}`,
    example: { instructorId: 'ins_1', name: 'Léa Perrière' },
  }),
  'catalogue.instructor_updated': action({
    details: z.object({ instructorId: z.string(), name: z.string(), changes: z.array(z.string()) }),
    fr: (who, d) => `${who} a modifié la fiche du moniteur ${d.name} (${changedFields(d.changes, 'fr')})`,
    en: (who, d) => `${who} changed the instructor ${d.name} (${changedFields(d.changes, 'en')})`,
    example: { instructorId: 'ins_1', name: 'Léa Perrière', changes: ['languages'] },
  }),
  'catalogue.day_off_added': action({
    details: z.object({ instructorId: z.string(), name: z.string(), day: z.string(), reason: z.string() }),
    fr: (who, d) =>
      `${who} a noté ${d.name} indisponible le ${formatCalendarDate(d.day)}${d.reason ? ` (${d.reason})` : ''}`,
    en: (who, d) => `${who} marked ${d.name} unavailable on ${d.day}${d.reason ? ` (${d.reason})` : ''}`,
    example: { instructorId: 'ins_1', name: 'Léa Perrière', day: '2027-02-14', reason: 'Formation' },
  }),
  'catalogue.day_off_removed': action({
    details: z.object({ instructorId: z.string(), name: z.string(), day: z.string() }),
    fr: (who, d) => `${who} a rendu ${d.name} disponible le ${formatCalendarDate(d.day)}`,
    en: (who, d) => `${who} made ${d.name} available again on ${d.day}`,
    example: { instructorId: 'ins_1', name: 'Léa Perrière', day: '2027-02-14' },
  }),
  'settings.sales_changed': action({
    details: z.object({
      customLessonLabel: z.string(),
      quoteValidityDays: z.number(),
      defaultDepositBp: z.number(),
    }),
    fr: (who, d) =>
      `${who} a modifié les réglages des devis et paiements (« ${d.customLessonLabel} », validité ${d.quoteValidityDays} jours, acompte ${d.defaultDepositBp / 100} %)`,
    en: (who, d) =>
      `${who} changed the quote and payment settings (“${d.customLessonLabel}”, valid ${d.quoteValidityDays} days, ${d.defaultDepositBp / 100}% deposit)`,
    example: { customLessonLabel: 'esf sur mesure', quoteValidityDays: 14, defaultDepositBp: 3000 },
  }),
  // ── The Devis onglet: lines and custom lessons (issue 9, "Ajouter une prestation") ──────────
  'line.added': action({
    details: lineDetails,
    fr: (who, d) => `${who} a ajouté « ${lineText(d)} »`,
    en: (who, d) => `${who} added “${lineText(d)}”`,
    example: { lineId: 'lin_1', label: 'Cours collectif enfants', participants: 2 },
  }),
  'line.updated': action({
    details: lineDetails,
    fr: (who, d) => `${who} a modifié « ${lineText(d)} »`,
    en: (who, d) => `${who} changed “${lineText(d)}”`,
    example: { lineId: 'lin_1', label: 'Cours collectif enfants', participants: 3 },
  }),
  'line.removed': action({
    details: lineDetails,
    fr: (who, d) => `${who} a retiré « ${lineText(d)} »`,
    en: (who, d) => `${who} removed “${lineText(d)}”`,
    example: { lineId: 'lin_1', label: 'Assurance Carré Neige', participants: null },
  }),
  'custom_lesson.validated': action({
    details: z.object({
      lineId: z.string(),
      label: z.string(),
      instructor: z.string().nullable(),
      priceCents: z.number().int(),
    }),
    fr: (who, d) =>
      `${who} a validé « ${d.label} » (${d.instructor ? `moniteur : ${d.instructor}, ` : ''}${formatMoney(cents(d.priceCents), 'fr-FR')})`,
    en: (who, d) =>
      `${who} validated “${d.label}” (${d.instructor ? `instructor: ${d.instructor}, ` : ''}${formatMoney(cents(d.priceCents), 'en-GB')})`,
    example: { lineId: 'lin_1', label: 'esf sur mesure — 2 h', instructor: 'Luc Martin', priceCents: 12000 },
  }),
  'custom_lesson.overlap_overridden': action({
    details: z.object({
      lineId: z.string(),
      label: z.string(),
      instructor: z.string(),
      clashes: z.array(z.string()),
      reason: z.string(),
    }),
    fr: (who, d) =>
      `${who} a validé « ${d.label} » malgré l’indisponibilité ${deName(d.instructor)} (${d.clashes.join(', ')}) : ${d.reason}`,
    en: (who, d) =>
      `${who} validated “${d.label}” although ${d.instructor} is not available (${d.clashes.join(', ')}): ${d.reason}`,
    example: {
      lineId: 'lin_1',
      label: 'esf sur mesure — 2 h',
      instructor: 'Luc Martin',
      clashes: ['21/12/2026 : congé'],
      reason: 'Luc a accepté de venir ce matin-là',
    },
  }),
  // ── Customer portal: what the customer does on their private page (issue 10, /c/:token) ──────
  'portal.extra_removed': action({
    details: z.object({ lineId: z.string(), label: z.string() }),
    fr: (who, d) => `${who} a retiré l’option « ${d.label} » depuis son lien privé`,
    en: (who, d) => `${who} removed the option “${d.label}” from their private page`,
    example: { lineId: 'lin_1', label: 'Assurance Carré Neige — 6 jours (par personne)' },
  }),
  // ── POS software, "Saisi dans logiciel", archive, customer data rights (issue 12) ──
  'pos.key_created': action({
    details: z.object({ name: z.string() }),
    fr: (who, d) => `${who} a créé la clé de logiciel de caisse « ${d.name} »`,
    en: (who, d) => `${who} created the POS software key “${d.name}”`,
    example: { name: 'Caisse 4807' },
  }),
  'pos.key_revoked': action({
    details: z.object({ name: z.string() }),
    fr: (who, d) => `${who} a révoqué la clé de logiciel de caisse « ${d.name} »`,
    en: (who, d) => `${who} revoked the POS software key “${d.name}”`,
    example: { name: 'Caisse 4807' },
  }),
  'pos.lines_imported': action({
    details: z.object({ number: z.string(), lines: z.number().int() }),
    fr: (who, d) =>
      `${who} a marqué ${d.lines} prestation${d.lines > 1 ? 's' : ''} vendue${d.lines > 1 ? 's' : ''} en ligne du dossier ${d.number} comme importée${d.lines > 1 ? 's' : ''} dans le logiciel`,
    en: (who, d) =>
      `${who} marked ${d.lines} online-sale service${d.lines > 1 ? 's' : ''} of file ${d.number} as imported into the POS software`,
    example: { number: '2026-00012', lines: 2 },
  }),
  'pos.entered_in_pos_changed': action({
    details: z.object({ isEnteredInPos: z.boolean() }),
    fr: (who, d) =>
      d.isEnteredInPos
        ? `${who} a coché « Saisi dans logiciel »`
        : `${who} a décoché « Saisi dans logiciel »`,
    en: (who, d) =>
      d.isEnteredInPos
        ? `${who} ticked “Entered in POS software”`
        : `${who} unticked “Entered in POS software”`,
    example: { isEnteredInPos: true },
  }),
  'pos.exported': action({
    details: z.object({ files: z.number().int() }),
    fr: (who, d) => `${who} a exporté ${d.files} dossier${d.files > 1 ? 's' : ''} pour le logiciel de caisse`,
    en: (who, d) => `${who} exported ${d.files} file${d.files > 1 ? 's' : ''} for the POS software`,
    example: { files: 3 },
  }),
  'archive.file_archived': action({
    details: z.object({ number: z.string(), redactedEntries: z.number().int() }),
    fr: (who, d) =>
      `${who} a archivé le dossier ${d.number} : contenu de la commande effacé, ${d.redactedEntries} entrée${d.redactedEntries > 1 ? 's' : ''} du journal expurgée${d.redactedEntries > 1 ? 's' : ''}`,
    en: (who, d) =>
      `${who} archived file ${d.number}: order content erased, ${d.redactedEntries} journal entr${d.redactedEntries > 1 ? 'ies' : 'y'} redacted`,
    example: { number: '2026-00012', redactedEntries: 4 },
  }),
  'archive.season_started': action({
    details: z.object({
      scope: z.enum(['processed', 'older_than']),
      beforeDay: z.string().nullable(),
      total: z.number().int(),
    }),
    fr: (who, d) =>
      d.scope === 'processed'
        ? `${who} a lancé l’archivage de la saison : ${d.total} dossier${d.total > 1 ? 's' : ''} en « Commande traitée »`
        : `${who} a lancé l’archivage de la saison : ${d.total} dossier${d.total > 1 ? 's' : ''} ouvert${d.total > 1 ? 's' : ''} avant le ${d.beforeDay ? formatCalendarDate(d.beforeDay) : '?'}`,
    en: (who, d) =>
      d.scope === 'processed'
        ? `${who} started the season archive: ${d.total} processed file${d.total > 1 ? 's' : ''}`
        : `${who} started the season archive: ${d.total} file${d.total > 1 ? 's' : ''} opened before ${d.beforeDay ?? '?'}`,
    example: { scope: 'processed', beforeDay: null, total: 42 },
  }),
  'archive.season_finished': action({
    details: z.object({ archived: z.number().int() }),
    fr: (who, d) =>
      `${who} a terminé l’archivage de la saison : ${d.archived} dossier${d.archived > 1 ? 's' : ''} archivé${d.archived > 1 ? 's' : ''}`,
    en: (who, d) =>
      `${who} finished the season archive: ${d.archived} file${d.archived > 1 ? 's' : ''} archived`,
    example: { archived: 42 },
  }),
  'gdpr.exported': action({
    details: z.object({ customerId: z.string(), files: z.number().int() }),
    fr: (who, d) =>
      `${who} a exporté les données d’un client (${d.files} dossier${d.files > 1 ? 's' : ''}, droit d’accès RGPD)`,
    en: (who, d) =>
      `${who} exported a customer’s data (${d.files} file${d.files > 1 ? 's' : ''}, GDPR access request)`,
    example: { customerId: 'cus_1', files: 2 },
  }),
  'gdpr.erased': action({
    details: z.object({ customerId: z.string(), files: z.number().int() }),
    fr: (who, d) =>
      `${who} a effacé les données d’un client à sa demande (${d.files} dossier${d.files > 1 ? 's' : ''} ; registre des paiements conservé)`,
    en: (who, d) =>
      `${who} erased a customer’s data on request (${d.files} file${d.files > 1 ? 's' : ''}; payment ledger kept)`,
    example: { customerId: 'cus_1', files: 2 },
  }),
  // ── The Paiement onglet, staff side (issue 10, PAY-STAFF): manual payments, the online-payment
  // toggle, the file's deposit rule, balance reminders, anomalies ──────────────────────────────
  'payment.manual_recorded': action({
    details: z.object({
      paymentId: z.string(),
      amountCents: z.number().int(),
      method: z.string(),
      reference: z.string().nullable(),
    }),
    fr: (who, d) =>
      `${who} a ajouté un paiement manuel de ${euros(d.amountCents, 'fr')} (${METHOD_WORDS.fr[d.method] ?? d.method}${d.reference ? ` n° ${d.reference}` : ''})`,
    en: (who, d) =>
      `${who} recorded a manual payment of ${euros(d.amountCents, 'en')} (${METHOD_WORDS.en[d.method] ?? d.method}${d.reference ? ` no. ${d.reference}` : ''})`,
    example: { paymentId: 'pay_1', amountCents: 12050, method: 'cheque', reference: '0012345' },
  }),
  'payment.online_toggled': action({
    details: z.object({ isAllowed: z.boolean() }),
    fr: (who, d) =>
      d.isAllowed ? `${who} a autorisé le paiement en ligne` : `${who} a désactivé le paiement en ligne`,
    en: (who, d) => (d.isAllowed ? `${who} allowed online payment` : `${who} turned online payment off`),
    example: { isAllowed: false },
  }),
  'payment.deposit_rule_changed': action({
    details: z.object({
      rule: z
        .union([
          z.object({ kind: z.literal('percentage'), bp: z.number(), balanceDaysBefore: z.number() }),
          z.object({ kind: z.literal('fixed'), cents: z.number(), balanceDaysBefore: z.number() }),
        ])
        .nullable(),
    }),
    fr: (who, d) =>
      d.rule === null
        ? `${who} a rétabli la règle d’acompte de l’école`
        : `${who} a fixé l’acompte du dossier à ${d.rule.kind === 'percentage' ? `${d.rule.bp / 100} %` : euros(d.rule.cents, 'fr')}, solde ${d.rule.balanceDaysBefore} jours avant le premier cours`,
    en: (who, d) =>
      d.rule === null
        ? `${who} restored the school’s deposit rule`
        : `${who} set the file’s deposit to ${d.rule.kind === 'percentage' ? `${d.rule.bp / 100}%` : euros(d.rule.cents, 'en')}, balance ${d.rule.balanceDaysBefore} days before the first lesson`,
    example: { rule: { kind: 'percentage', bp: 5000, balanceDaysBefore: 10 } },
  }),
  'payment.balance_reminder_sent': action({
    details: z.object({ dueOn: z.string(), amountCents: z.number().int(), isOverdue: z.boolean() }),
    fr: (who, d) =>
      d.isOverdue
        ? `${who} a relancé le client : solde de ${euros(d.amountCents, 'fr')} en retard (dû le ${formatCalendarDate(d.dueOn)})`
        : `${who} a rappelé au client le solde de ${euros(d.amountCents, 'fr')} dû le ${formatCalendarDate(d.dueOn)}`,
    en: (who, d) =>
      d.isOverdue
        ? `${who} reminded the customer: balance of ${euros(d.amountCents, 'en')} overdue (due ${d.dueOn})`
        : `${who} reminded the customer of the balance of ${euros(d.amountCents, 'en')} due ${d.dueOn}`,
    example: { dueOn: '2027-02-01', amountCents: 25200, isOverdue: false },
  }),
  'payment.anomaly_resolved': action({
    details: z.object({ anomalyId: z.string(), reason: z.string(), note: z.string() }),
    fr: (who, d) => `${who} a résolu une anomalie de paiement : ${d.note}`,
    en: (who, d) => `${who} resolved a payment anomaly: ${d.note}`,
    example: { anomalyId: 'pan_1', reason: 'amount_mismatch', note: 'Virement complémentaire reçu' },
  }),
  // ── The operator command (issue 14, `schuss school disable|enable`, `schuss staff reset-password`) ──
  'school.disabled': action({
    details: z.object({ slug: z.string() }),
    fr: (who, d) => `${who} a suspendu l’école (${d.slug}) : formulaires fermés, connexions refusées`,
    en: (who, d) => `${who} disabled the school (${d.slug}): forms closed, logins refused`,
    example: { slug: 'esf-demo' },
  }),
  'school.enabled': action({
    details: z.object({ slug: z.string() }),
    fr: (who, d) => `${who} a rétabli l’école (${d.slug})`,
    en: (who, d) => `${who} enabled the school (${d.slug}) again`,
    example: { slug: 'esf-demo' },
  }),
  // ── Online payments, provider webhooks and refunds (issue 10, PAY-ONLINE) ──
  'payment.online_received': action({
    details: z.object({
      paymentId: z.string(),
      amountCents: z.number().int(),
      provider: z.string(),
      purpose: z.string(),
      isFlagged: z.boolean(),
    }),
    fr: (who, d) =>
      `${who} a reçu un paiement en ligne de ${euros(d.amountCents, 'fr')} (${PURPOSE_WORDS.fr[d.purpose] ?? d.purpose})${d.isFlagged ? ' — signalé : dossier archivé' : ''}`,
    en: (who, d) =>
      `${who} received an online payment of ${euros(d.amountCents, 'en')} (${PURPOSE_WORDS.en[d.purpose] ?? d.purpose})${d.isFlagged ? ' — flagged: archived file' : ''}`,
    example: {
      paymentId: 'pay_1',
      amountCents: 14_400,
      provider: 'sandbox',
      purpose: 'deposit',
      isFlagged: false,
    },
  }),
  'payment.refunded': action({
    details: z.object({
      paymentId: z.string(),
      refundId: z.string(),
      amountCents: z.number().int(),
      method: z.string(),
      reason: z.string().nullable(),
    }),
    fr: (who, d) => `${who} a remboursé ${euros(d.amountCents, 'fr')}${d.reason ? ` : ${d.reason}` : ''}`,
    en: (who, d) => `${who} refunded ${euros(d.amountCents, 'en')}${d.reason ? `: ${d.reason}` : ''}`,
    example: {
      paymentId: 'pay_1',
      refundId: 'pay_2',
      amountCents: 4_500,
      method: 'online',
      reason: 'Cours annulé',
    },
  }),
  'payment.anomaly_recorded': action({
    details: z.object({
      anomalyId: z.string(),
      reason: z.string(),
      amountCents: z.number().int().nullable(),
    }),
    fr: (who, d) =>
      `${who} a signalé une anomalie de paiement à vérifier (${ANOMALY_WORDS.fr[d.reason] ?? d.reason}${d.amountCents === null ? '' : `, ${euros(d.amountCents, 'fr')}`})`,
    en: (who, d) =>
      `${who} flagged a payment anomaly to check (${ANOMALY_WORDS.en[d.reason] ?? d.reason}${d.amountCents === null ? '' : `, ${euros(d.amountCents, 'en')}`})`,
    example: { anomalyId: 'pan_1', reason: 'amount_mismatch', amountCents: 100 },
  }),
} as const;

/** The payment methods as the journal names them. */
const METHOD_WORDS: Record<StaffLanguage, Record<string, string>> = {
  fr: {
    online: 'paiement en ligne',
    cash: 'espèces',
    cheque: 'chèque',
    transfer: 'virement',
    holiday_vouchers: 'chèques-vacances',
    ancv_connect: 'ANCV Connect',
    card_desk: 'carte au guichet',
  },
  en: {
    online: 'online payment',
    cash: 'cash',
    cheque: 'cheque',
    transfer: 'bank transfer',
    holiday_vouchers: 'holiday vouchers',
    ancv_connect: 'ANCV Connect',
    card_desk: 'card at the desk',
  },
};

const PURPOSE_WORDS: Record<StaffLanguage, Record<string, string>> = {
  fr: { deposit: 'acompte', balance: 'solde', amount: 'montant' },
  en: { deposit: 'deposit', balance: 'balance', amount: 'amount' },
};

const ANOMALY_WORDS: Record<StaffLanguage, Record<string, string>> = {
  fr: {
    binding_mismatch: 'le paiement ne correspond pas à ce dossier',
    amount_mismatch: 'montant différent de celui demandé',
    currency_mismatch: 'devise différente',
    archived_file: 'paiement reçu sur un dossier archivé',
    overpaid: 'le dossier est payé au-delà de son total',
    refund_above_payment: 'remboursement au-delà du paiement',
  },
  en: {
    binding_mismatch: 'the payment does not match this file',
    amount_mismatch: 'amount differs from the one asked',
    currency_mismatch: 'different currency',
    archived_file: 'payment received on an archived file',
    overpaid: 'the file is paid beyond its total',
    refund_above_payment: 'refund beyond the payment',
  },
};

function euros(amount: number, language: StaffLanguage): string {
  return formatMoney(cents(amount), language === 'fr' ? 'fr-FR' : 'en-GB');
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

// ── Words of the catalogue sentences (Paramètres → Catalogue / Moniteurs) ──

/** The fields a catalogue change names, in the reader's words. */
const FIELD_WORDS: Record<StaffLanguage, Record<string, string>> = {
  fr: {
    kind: 'type',
    name: 'nom',
    names: 'noms traduits',
    description: 'description',
    practice: 'discipline',
    ageMin: 'âge minimum',
    ageMax: 'âge maximum',
    levels: 'niveaux',
    priceCents: 'prix',
    priceUnit: 'unité de prix',
    vatRateBp: 'TVA',
    isOnlineSale: 'vendu en ligne',
    isOptional: 'facultatif',
    startsOn: 'premier jour',
    endsOn: 'dernier jour',
    startTime: 'heure de début',
    endTime: 'heure de fin',
    meetingPoint: 'lieu de rendez-vous',
    capacity: 'capacité',
    isActive: 'actif',
    firstName: 'prénom',
    lastName: 'nom',
    languages: 'langues',
    practices: 'disciplines',
  },
  en: {
    kind: 'type',
    name: 'name',
    names: 'translated names',
    description: 'description',
    practice: 'discipline',
    ageMin: 'minimum age',
    ageMax: 'maximum age',
    levels: 'levels',
    priceCents: 'price',
    priceUnit: 'price unit',
    vatRateBp: 'VAT',
    isOnlineSale: 'sold online',
    isOptional: 'optional',
    startsOn: 'first day',
    endsOn: 'last day',
    startTime: 'start time',
    endTime: 'end time',
    meetingPoint: 'meeting point',
    capacity: 'capacity',
    isActive: 'active',
    firstName: 'first name',
    lastName: 'last name',
    languages: 'languages',
    practices: 'disciplines',
  },
};

function changedFields(changes: readonly string[], language: StaffLanguage): string {
  return changes.map((field) => FIELD_WORDS[language][field] ?? field).join(', ');
}
