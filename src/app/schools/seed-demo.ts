import { randomBytes } from 'node:crypto';
import { hasAnySchool } from '../../db/repositories/index.js';
import type { AppDeps } from '../deps.js';
import { seedDemoRequests } from '../intake/demo-requests.js';
import { createSchool } from './create-school.js';

export const DEMO_SLUG = 'demo';
export const DEMO_ACCOUNTS = [
  { email: 'admin@esf-demo.fr', name: 'Claire Admin', role: 'admin' as const },
  { email: 'marie.dupont@esf-demo.fr', name: 'Marie Dupont', role: 'secretary' as const },
  { email: 'luc.martin@esf-demo.fr', name: 'Luc Martin', role: 'secretary' as const },
];

/** The demo school's catalogue (the bench schools use it too): what a French school sells. */
export const DEMO_CATALOGUE = [
  {
    kind: 'cours_collectif',
    name: 'Cours collectif enfants — Piou-Piou (6 matinées)',
    priceCents: 21_500,
    isOnlineSale: true,
  },
  {
    kind: 'cours_collectif',
    name: 'Cours collectif enfants — Flocon à 3e Étoile (6 matinées)',
    priceCents: 23_900,
    isOnlineSale: true,
  },
  {
    kind: 'cours_collectif',
    name: 'Cours collectif adultes — tous niveaux (6 après-midi)',
    priceCents: 22_900,
    isOnlineSale: true,
  },
  {
    kind: 'cours_particulier',
    name: 'Cours particulier ski — 1 h (1 à 2 pers.)',
    priceCents: 6_200,
    isOnlineSale: true,
  },
  {
    kind: 'cours_particulier',
    name: 'Cours particulier snowboard — 2 h (1 à 2 pers.)',
    priceCents: 11_900,
    isOnlineSale: true,
  },
  {
    kind: 'club_enfants',
    name: 'Club enfants Piou-Piou — journée avec repas',
    priceCents: 8_900,
    isOnlineSale: false,
  },
  {
    kind: 'extra',
    name: 'Assurance Carré Neige (par personne)',
    priceCents: 1_900,
    vatRateBp: 0,
    isOnlineSale: false,
    isOptional: true,
  },
] as const;

export const DEMO_CATEGORIES = ['Groupes', 'Familles', 'Comités d’entreprise', 'Scolaires'] as const;

export const DEMO_INSTRUCTORS = [
  { firstName: 'Jean-Baptiste', lastName: 'Favre', languages: ['fr', 'en'] },
  { firstName: 'Léa', lastName: 'Perrière', languages: ['fr', 'en', 'it'] },
  { firstName: 'Mathis', lastName: 'Bérard', languages: ['fr', 'de'] },
  { firstName: 'Chloé', lastName: 'Anselme', languages: ['fr', 'es'] },
] as const;

/** A readable generated password: 4 groups of 4 from an unambiguous alphabet (≈ 80 bits). */
function generatePassword(): string {
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
  });
  // The three public forms are on (the default) and have already brought in a few requests.
  await seedDemoRequests(deps, school.slug);
  return { password, generated, accounts: DEMO_ACCOUNTS };
}
