import { randomBytes } from 'node:crypto';
import { hasAnySchool } from '../../db/repositories/index.js';
import type { SalesSettings } from '../../shared/contracts/sales.js';
import type { AppDeps } from '../deps.js';
import { seedDemoRequests } from '../intake/demo-requests.js';
import { createSchool, type NewSchoolInstructor, type NewSchoolProduct } from './create-school.js';

export const DEMO_SLUG = 'demo';
export const DEMO_ACCOUNTS = [
  { email: 'admin@esf-demo.fr', name: 'Claire Admin', role: 'admin' as const },
  { email: 'marie.dupont@esf-demo.fr', name: 'Marie Dupont', role: 'secretary' as const },
  { email: 'luc.martin@esf-demo.fr', name: 'Luc Martin', role: 'secretary' as const },
];

/** The 2026–2027 winter: from the Christmas holidays to the end of the spring ones. */
const SEASON = { from: '2026-12-19', to: '2027-04-10' } as const;
const SNOW_FRONT = 'Front de neige — Jardin des neiges';
const SCHOOL_CHALET = 'Front de neige — Chalet de l’ESF';

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Sessions every `everyDays` days from `firstDay`, each `lengthDays` long, to the end of the
 * season: group lessons run a week at a time, Sunday to Friday, from 20 December; private
 * lessons are booked a day at a time, every day of the season.
 */
function sessionsOf(
  first: { day: string; lengthDays: number; everyDays: number },
  slot: { startTime: string; endTime: string; meetingPoint: string; capacity: number },
) {
  const sessions = [];
  for (
    let day = first.day;
    addDays(day, first.lengthDays - 1) <= SEASON.to;
    day = addDays(day, first.everyDays)
  ) {
    sessions.push({ startsOn: day, endsOn: addDays(day, first.lengthDays - 1), ...slot });
  }
  return sessions;
}

const weeklySessions = (startTime: string, endTime: string, meetingPoint: string, capacity: number) =>
  sessionsOf(
    { day: '2026-12-20', lengthDays: 6, everyDays: 7 },
    { startTime, endTime, meetingPoint, capacity },
  );

const dailySessions = (startTime: string, endTime: string, meetingPoint: string, capacity: number) =>
  sessionsOf(
    { day: SEASON.from, lengthDays: 1, everyDays: 1 },
    { startTime, endTime, meetingPoint, capacity },
  );

/**
 * The demo school's catalogue (the bench schools use it too): what a French ski school sells at
 * its counter, TTC at 10 % VAT (insurance is exempt, rental at 20 %), with its sessions across
 * the 2026–2027 winter and the extras a quote adds.
 */
export const DEMO_CATALOGUE = [
  {
    kind: 'cours_collectif',
    name: 'Cours collectif enfants — Piou-Piou (6 matinées)',
    names: {
      en: 'Children’s group lessons — Piou-Piou (6 mornings)',
      de: 'Kinder-Gruppenkurs — Piou-Piou (6 Vormittage)',
    },
    description: 'Premières glisses au Jardin des neiges, de 3 à 5 ans.',
    practice: 'ski_alpin',
    ageMin: 3,
    ageMax: 5,
    levels: ['first_time'],
    priceCents: 19_500,
    priceUnit: 'participant',
    isOnlineSale: true,
    sessions: weeklySessions('09:30', '11:30', SNOW_FRONT, 8),
  },
  {
    kind: 'cours_collectif',
    name: 'Cours collectif enfants — Ourson (6 matinées)',
    names: { en: 'Children’s group lessons — Ourson (6 mornings)' },
    description: 'Vers la médaille Ourson, de 4 à 6 ans.',
    practice: 'ski_alpin',
    ageMin: 4,
    ageMax: 6,
    levels: ['first_time', 'beginner'],
    priceCents: 21_500,
    priceUnit: 'participant',
    isOnlineSale: true,
    sessions: weeklySessions('09:00', '11:30', SNOW_FRONT, 10),
  },
  {
    kind: 'cours_collectif',
    name: 'Cours collectif enfants — Flocon à 3e Étoile (6 matinées)',
    names: { en: 'Children’s group lessons — Flocon to 3rd Star (6 mornings)' },
    description: 'Du Flocon à la 3e Étoile, de 6 à 12 ans, groupes par niveau.',
    practice: 'ski_alpin',
    ageMin: 6,
    ageMax: 12,
    levels: ['beginner', 'intermediate', 'advanced'],
    priceCents: 23_900,
    priceUnit: 'participant',
    isOnlineSale: true,
    sessions: weeklySessions('09:00', '11:30', SNOW_FRONT, 12),
  },
  {
    kind: 'cours_collectif',
    name: 'Cours collectif adultes — tous niveaux (6 après-midi)',
    names: { en: 'Adult group lessons — all levels (6 afternoons)' },
    practice: 'ski_alpin',
    ageMin: 13,
    priceCents: 22_900,
    priceUnit: 'participant',
    isOnlineSale: true,
    sessions: weeklySessions('14:00', '16:30', SCHOOL_CHALET, 10),
  },
  {
    kind: 'cours_collectif',
    name: 'Cours collectif snowboard — ados (6 après-midi)',
    names: { en: 'Teen snowboard group lessons (6 afternoons)' },
    practice: 'snowboard',
    ageMin: 11,
    ageMax: 17,
    levels: ['first_time', 'beginner', 'intermediate'],
    priceCents: 24_500,
    priceUnit: 'participant',
    isOnlineSale: true,
    sessions: weeklySessions('14:00', '16:30', SCHOOL_CHALET, 8),
  },
  {
    kind: 'cours_particulier',
    name: 'Cours particulier ski — 1 h (1 à 2 pers.)',
    names: { en: 'Private ski lesson — 1 h (1 to 2 people)' },
    practice: 'ski_alpin',
    priceCents: 6_200,
    priceUnit: 'hour',
    isOnlineSale: true,
    sessions: dailySessions('12:30', '13:30', SCHOOL_CHALET, 2),
  },
  {
    kind: 'cours_particulier',
    name: 'Cours particulier snowboard — 2 h (1 à 2 pers.)',
    names: { en: 'Private snowboard lesson — 2 h (1 to 2 people)' },
    practice: 'snowboard',
    priceCents: 11_900,
    priceUnit: 'session',
    isOnlineSale: true,
    sessions: dailySessions('13:00', '15:00', SCHOOL_CHALET, 2),
  },
  {
    kind: 'club_enfants',
    name: 'Club enfants Piou-Piou — 6 jours avec repas',
    names: { en: 'Piou-Piou kids’ club — 6 days with lunch' },
    description: 'Jeux de neige, ski et repas encadrés, de 3 à 5 ans.',
    practice: 'ski_alpin',
    ageMin: 3,
    ageMax: 5,
    priceCents: 45_900,
    priceUnit: 'participant',
    isOnlineSale: true,
    sessions: weeklySessions('08:45', '17:30', SNOW_FRONT, 12),
  },
  {
    kind: 'extra',
    name: 'Assurance Carré Neige — 6 jours (par personne)',
    names: { en: 'Carré Neige insurance — 6 days (per person)' },
    description: 'Secours sur piste, frais médicaux et remboursement des cours non suivis (3,20 € par jour).',
    priceCents: 1_920,
    priceUnit: 'participant',
    vatRateBp: 0,
    isOnlineSale: true,
    isOptional: true,
  },
  {
    kind: 'extra',
    name: 'Location de casque (par dossier)',
    names: { en: 'Helmet rental (per booking)' },
    priceCents: 1_500,
    priceUnit: 'file',
    vatRateBp: 2000,
    isOnlineSale: false,
    isOptional: true,
  },
] as const satisfies readonly NewSchoolProduct[];

export const DEMO_CATEGORIES = ['Groupes', 'Familles', 'Comités d’entreprise', 'Scolaires'] as const;

export const DEMO_INSTRUCTORS = [
  {
    firstName: 'Jean-Baptiste',
    lastName: 'Favre',
    languages: ['fr', 'en'],
    practices: ['ski_alpin', 'ski_de_randonnee'],
    daysOff: [
      { day: '2026-12-25', reason: 'Noël en famille' },
      { day: '2027-01-18', reason: 'Recyclage secourisme' },
    ],
  },
  {
    firstName: 'Léa',
    lastName: 'Perrière',
    languages: ['fr', 'en', 'it'],
    practices: ['ski_alpin', 'snowboard'],
    daysOff: [{ day: '2027-02-14', reason: 'Formation' }],
  },
  {
    firstName: 'Mathis',
    lastName: 'Bérard',
    languages: ['fr', 'de'],
    practices: ['snowboard', 'telemark'],
    daysOff: [
      { day: '2027-01-04', reason: 'Congé' },
      { day: '2027-01-05', reason: 'Congé' },
    ],
  },
  {
    firstName: 'Chloé',
    lastName: 'Anselme',
    languages: ['fr', 'es'],
    practices: ['ski_alpin', 'ski_de_fond'],
    daysOff: [],
  },
] as const satisfies readonly NewSchoolInstructor[];

/** Paramètres → Devis et paiements of the demo school: a plausible ESF (fictitious SIRET). */
export const DEMO_SALES_SETTINGS = {
  customLessonLabel: 'esf sur mesure',
  quoteValidityDays: 14,
  defaultDepositBp: 3000,
  reminderDaysBeforeExpiry: 3,
  depositKind: 'percentage',
  defaultDepositFixedCents: 0,
  balanceDaysBeforeFirstLesson: 14,
  balanceReminderDaysBefore: 3,
  isBalanceOverdueReminder: true,
  legal: {
    companyName: 'École du Ski Français de Démo-les-Neiges',
    address: 'Maison de l’ESF, 12 place de la Télécabine, 73999 Démo-les-Neiges',
    siret: '12345678900012',
    vatNumber: 'FR12123456789',
    mentions:
      'Syndicat local des moniteurs de l’École du Ski Français (fictif, données de démonstration). ' +
      'Prix TTC, TVA 10 % sur les cours. Acompte de 30 % à la réservation, solde avant le premier cours. ' +
      'Cours non remboursés sauf assurance Carré Neige.',
  },
} as const satisfies SalesSettings;

/** A readable generated password: 4 groups of 4 from an unambiguous alphabet (≈ 80 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out += alphabet[bytes[i]! % alphabet.length];
    if (i % 4 === 3 && i < 15) out += '-';
  }
  return out;
}

/**
 * On an empty database, creates the demo school "ESF Démo" with its staff, catalogue,
 * instructors and categories. Returns the login to print, or null when there was data already.
 */
export async function seedDemoIfEmpty(
  deps: AppDeps,
): Promise<{ password: string; generated: boolean; accounts: typeof DEMO_ACCOUNTS } | null> {
  if (await hasAnySchool(deps.db.kysely)) return null;
  const generated = !deps.config.demoPassword;
  const password = deps.config.demoPassword ?? generatePassword();
  const school = await createSchool(deps, {
    slug: DEMO_SLUG,
    name: 'ESF Démo',
    staff: DEMO_ACCOUNTS.map((a) => ({ ...a, password })),
    categories: [...DEMO_CATEGORIES],
    products: DEMO_CATALOGUE.map((p) => ({ ...p })),
    instructors: DEMO_INSTRUCTORS.map((i) => ({ ...i, languages: [...i.languages] })),
    sales: DEMO_SALES_SETTINGS,
  });
  // The three public forms are on (the default) and have already brought in a few requests.
  await seedDemoRequests(deps, school.slug);
  return { password, generated, accounts: DEMO_ACCOUNTS };
}
